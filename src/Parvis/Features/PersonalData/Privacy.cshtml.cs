using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.PersonalData;

/// <summary>The privacy page of the organization, in plain French, made from the same facts as the register.</summary>
public class PrivacyModel(DataRegister register, TenantContext tenant) : PageModel
{
    public IReadOnlyList<Processing> Processings { get; private set; } = [];
    public Domain.Organization Organization => tenant.Organization;

    public void OnGet() => Processings = register.For(tenant.Organization);
}
