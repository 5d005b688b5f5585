using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Outcomes.Manage;

[Authorize(Policy = Policies.ManageConsultations)]
public class NewModel(ParvisDbContext db, OutcomeCommands commands, TenantContext tenant, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public OutcomeForm Form { get; set; } = new();
    public OutcomeForm.Choices Choices { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Choices = await OutcomeForm.ChoicesAsync(db, OutcomeCommands.IsAdministrator(User));
        Form.DecidedOn = DateOnly.FromDateTime(tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Choices = await OutcomeForm.ChoicesAsync(db, OutcomeCommands.IsAdministrator(User));
        if (!ModelState.IsValid) return Page();
        var outcome = await commands.CreateAsync(User, Form.ToDescription());
        TempData["Message"] = "Résultat enregistré en brouillon : liez-lui ce qui y a mené, puis publiez-le.";
        return Redirect($"/admin/resultats/{outcome.Id}");
    }
}
