using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Budgets.Manage;

/// <summary>One project of a budget: its texts and the services' study (feasible or not with its public reason, its cost).</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class ProjectModel(BudgetStaffCommands commands, BudgetStaffQueries queries) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public ProjectForm Project { get; set; } = new();
    public Budget Budget { get; private set; } = null!;
    public Domain.BudgetProject Item { get; private set; } = null!;
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public bool Frozen => Budget.SettingsFrozenAt(queries.Now);

    public async Task OnGetAsync(int id)
    {
        await LoadAsync(id);
        Project = ProjectForm.From(Item);
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        await LoadAsync(id);
        if (!ModelState.IsValid) throw new DomainException("Une date ou un nombre du formulaire n'est pas lisible.");
        await commands.UpdateProjectAsync(Budget, Item, Project);
        TempData["Message"] = "Projet enregistré.";
        return Redirect($"/admin/budgets/{Budget.Id}#projets");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        if (this.RouteId() is not { } id) return false;
        await LoadAsync(id);
        return true;
    }

    private async Task LoadAsync(int id)
    {
        (Budget, Item) = await commands.FindProjectAsync(User, id);
        Territories = (await queries.ChoicesAsync(false)).Territories;
    }
}
