using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Legal;

/// <summary>The accessibility statement the RGAA asks for, from the organization's own answers.</summary>
public class AccessibilityModel(TenantContext tenant) : PageModel
{
    public Organization Organization => tenant.Organization;
    public LegalPages Legal => tenant.Organization.Legal;
    public string? Contact => Legal.AccessibilityContact ?? Organization.ContactEmail;

    public void OnGet()
    {
    }

    /// <summary>A contact given as an address, a web page or plain text (a postal address).</summary>
    public static string? LinkOf(string contact) =>
        contact.Contains('@') && !contact.Contains(' ') ? "mailto:" + contact
        : Uri.TryCreate(contact, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri
        : null;
}
