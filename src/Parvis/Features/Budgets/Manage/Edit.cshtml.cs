using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Budgets.Manage;

/// <summary>A budget's settings, its publication, and its projects: the list with their study, a form to add one.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class EditModel(BudgetStaffCommands commands, BudgetStaffQueries queries, TenantContext tenant) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public BudgetForm Form { get; set; } = new();
    [BindProperty] public ProjectForm Project { get; set; } = new();
    public Budget Budget { get; private set; } = null!;
    public BudgetStaffQueries.Choices Choices { get; private set; } = null!;
    public List<Domain.BudgetProject> Projects { get; private set; } = [];
    public int Ballots { get; private set; }
    public bool Frozen => Budget.SettingsFrozenAt(queries.Now);

    public async Task OnGetAsync(int id)
    {
        await LoadAsync(id);
        Form = BudgetForm.From(Budget, tenant.Organization);
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        await LoadAsync(id);
        if (!ModelState.IsValid) throw new DomainException("Une date ou un nombre du formulaire n'est pas lisible.");
        await commands.UpdateAsync(User, Budget, Form);
        TempData["Message"] = "Budget enregistré.";
        return Redirect($"/admin/budgets/{id}");
    }

    public async Task<IActionResult> OnPostPublishAsync(int id)
    {
        await LoadAsync(id);
        await commands.PublishAsync(Budget);
        TempData["Message"] = "Budget publié.";
        return Redirect($"/admin/budgets/{id}");
    }

    public async Task<IActionResult> OnPostAddProjectAsync(int id)
    {
        await LoadAsync(id);
        if (!ModelState.IsValid) throw new DomainException("Une date ou un nombre du formulaire n'est pas lisible.");
        await commands.AddProjectAsync(Budget, Project);
        TempData["Message"] = "Projet ajouté.";
        return Redirect($"/admin/budgets/{id}#projets");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        if (this.RouteId() is not { } id) return false;
        await LoadAsync(id);
        // A refused project or publication shows the settings as saved, not the empty form it did not post.
        if (Request.Query.ContainsKey("handler")) Form = BudgetForm.From(Budget, tenant.Organization);
        return true;
    }

    private async Task LoadAsync(int id)
    {
        Budget = await commands.FindAsync(User, id);
        Choices = await queries.ChoicesAsync(BudgetStaffCommands.IsAdministrator(User));
        Projects = await queries.ProjectsAsync(id);
        Ballots = await queries.BallotsAsync(id);
    }
}
