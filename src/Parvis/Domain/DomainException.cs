namespace Parvis.Domain;

/// <summary>A rule of the domain was broken; the message is shown to the person as is (French).</summary>
public sealed class DomainException(string message) : Exception(message);
