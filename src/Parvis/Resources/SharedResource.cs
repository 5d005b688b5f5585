namespace Parvis.Resources;

/// <summary>
/// Marker for the interface strings. The French text written in the views and the code is the key
/// (and the reference text); <c>SharedResource.en.resx</c> holds the English translations. A key
/// missing from a translation falls back to the French text.
/// </summary>
public sealed class SharedResource;
