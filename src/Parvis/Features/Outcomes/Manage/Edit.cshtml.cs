using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Outcomes.Manage;

/// <summary>Edit an outcome, publish or withdraw it, link and unlink what led to it.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class EditModel(ParvisDbContext db, OutcomeCommands commands, OutcomeQueries queries) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public OutcomeForm Form { get; set; } = new();
    public OutcomeForm.Choices Choices { get; private set; } = null!;
    public Outcome Outcome { get; private set; } = null!;
    public List<(int LinkId, OutcomeSubjectKind Kind, int SubjectId, SubjectView? View)> Links { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(int id) => ShowAsync(id, fillForm: true);

    public Task<IActionResult> OnPostAsync(int id) =>
        ActAsync(id, () => commands.UpdateAsync(User, id, Form.ToDescription()), "Résultat enregistré.", checkForm: true);

    public Task<IActionResult> OnPostPublishAsync(int id) =>
        ActAsync(id, () => commands.PublishAsync(User, id, publish: true), "Résultat publié : il apparaît sur la page « Vous avez dit, nous avons fait ».");

    public Task<IActionResult> OnPostUnpublishAsync(int id) =>
        ActAsync(id, () => commands.PublishAsync(User, id, publish: false), "Résultat retiré de la publication.");

    public Task<IActionResult> OnPostLinkAsync(int id, string? address, OutcomeSubjectKind? kind, int? number) =>
        ActAsync(id, () => commands.LinkAsync(User, id, address, kind, number), "Élément lié au résultat.");

    public Task<IActionResult> OnPostUnlinkAsync(int id, int linkId) =>
        ActAsync(id, () => commands.UnlinkAsync(User, id, linkId), "Lien retiré.");

    private async Task<IActionResult> ActAsync(int id, Func<Task> action, string success, bool checkForm = false)
    {
        if (!checkForm) ModelState.Clear();
        // What the staff member typed in the form is kept if a rule is broken; otherwise the form shows the outcome.
        _keepTypedForm = checkForm;
        await commands.FindAsync(User, id);
        if (checkForm && !ModelState.IsValid) return await ShowAsync(id, fillForm: false);
        await action();
        TempData["Message"] = success;
        return Redirect($"/admin/resultats/{id}");
    }

    private bool _keepTypedForm;

    public async Task<bool> ReloadAfterBrokenRuleAsync() =>
        await ShowAsync(this.RouteId()!.Value, fillForm: !_keepTypedForm) is PageResult;

    private async Task<IActionResult> ShowAsync(int id, bool fillForm)
    {
        Outcome = await commands.FindAsync(User, id);
        if (fillForm) Form = OutcomeForm.From(Outcome);
        Choices = await OutcomeForm.ChoicesAsync(db, OutcomeCommands.IsAdministrator(User));
        Links = await queries.LinksForStaffAsync(id);
        return Page();
    }
}
