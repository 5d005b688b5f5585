using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.PersonalData;

/// <summary>The register of processing activities (art. 30 GDPR), for the data-protection officer.</summary>
[Authorize(Policy = Policies.Administer)]
public class RegisterModel(DataRegister register, TenantContext tenant) : PageModel
{
    public IReadOnlyList<Processing> Processings { get; private set; } = [];
    public Domain.Organization Organization => tenant.Organization;

    public void OnGet() => Processings = register.For(tenant.Organization);
}
