namespace Parvis.Features.Shared;

/// <summary>
/// Another form of the page (a feed) that the layout announces in the head as <c>&lt;link rel="alternate"&gt;</c>; a page
/// sets them in ViewData["Alternates"]. The address is absolute.
/// </summary>
public sealed record AlternateLink(string Type, string Title, string Href);
