using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Budgets.Manage;

[Authorize(Policy = Policies.ManageConsultations)]
public class NewModel(BudgetStaffCommands commands, BudgetStaffQueries queries) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public BudgetForm Form { get; set; } = new();
    public BudgetStaffQueries.Choices Choices { get; private set; } = null!;

    public async Task OnGetAsync() => Choices = await queries.ChoicesAsync(BudgetStaffCommands.IsAdministrator(User));

    public async Task<IActionResult> OnPostAsync()
    {
        Choices = await queries.ChoicesAsync(BudgetStaffCommands.IsAdministrator(User));
        // A value the browser could not check (a date, a number) arrives unreadable: refused, nothing saved.
        if (!ModelState.IsValid) throw new DomainException("Une date ou un nombre du formulaire n'est pas lisible.");
        var budget = await commands.CreateAsync(User, Form);
        TempData["Message"] = "Budget enregistré en brouillon : ajoutez ses projets, puis publiez-le.";
        return Redirect($"/admin/budgets/{budget.Id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        Choices = await queries.ChoicesAsync(BudgetStaffCommands.IsAdministrator(User));
        return true;
    }
}
