namespace Parvis.Features.Shared;

/// <summary>The latitude and longitude fields of a form with a map (<c>_CoordinateFields</c>).</summary>
public sealed record CoordinateFields(object? Latitude, object? Longitude, string LatitudeExample, string LongitudeExample);
