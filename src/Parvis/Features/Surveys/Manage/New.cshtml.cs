using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Surveys.Manage;

[Authorize(Policy = Policies.ManageConsultations)]
public class NewModel(SurveyStaffCommands commands, SurveyStaffQueries queries) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public SurveyForm Form { get; set; } = new();
    public SurveyStaffQueries.Choices Choices { get; private set; } = null!;

    public async Task OnGetAsync() => Choices = await queries.ChoicesAsync(SurveyStaffCommands.IsAdministrator(User));

    public async Task<IActionResult> OnPostAsync()
    {
        Choices = await queries.ChoicesAsync(SurveyStaffCommands.IsAdministrator(User));
        // A value the browser could not check (a date, a number) arrives unreadable: refused, nothing saved.
        if (!ModelState.IsValid) throw new DomainException("Une date ou un nombre du formulaire n'est pas lisible.");
        var survey = await commands.CreateAsync(User, Form);
        TempData["Message"] = "Enquête enregistrée en brouillon : ajoutez ses questions, puis publiez-la.";
        return Redirect($"/admin/enquetes/{survey.Id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        Choices = await queries.ChoicesAsync(SurveyStaffCommands.IsAdministrator(User));
        return true;
    }
}
