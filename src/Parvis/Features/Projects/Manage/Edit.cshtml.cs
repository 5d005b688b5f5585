using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Files;
using Parvis.Features.Outcomes;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Projects.Manage;

/// <summary>One project for staff: its description, publication, phases, linked items, documents and photos.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class EditModel(ProjectCommands commands, ProjectContentCommands content, ProjectFileCommands files, ProjectStaffQueries queries)
    : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public ProjectForm Form { get; set; } = new();
    [BindProperty] public PhaseInput Phase { get; set; } = new();
    public ProjectForm.Choices Choices { get; private set; } = null!;
    public Project Project { get; private set; } = null!;
    public List<ProjectPhase> Phases { get; private set; } = [];
    public ProjectPhase? Current { get; private set; }
    public List<(int LinkId, OutcomeSubjectKind Kind, int SubjectId, SubjectView? View)> Links { get; private set; } = [];
    public List<(int Id, string Title, bool Published)> Outcomes { get; private set; } = [];
    public List<(int Id, bool IsPhoto, string? AltText, FileView File)> Files { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(int id) => ShowAsync(id, fillForm: true);

    public Task<IActionResult> OnPostAsync(int id) =>
        ActAsync(id, p => commands.UpdateAsync(User, id, Form.ToDescription()), "Projet enregistré.", keep: "Form");

    public Task<IActionResult> OnPostPublishAsync(int id) =>
        ActAsync(id, _ => commands.PublishAsync(User, id, publish: true), "Projet publié : il apparaît dans la liste des projets.");

    public Task<IActionResult> OnPostUnpublishAsync(int id) =>
        ActAsync(id, _ => commands.PublishAsync(User, id, publish: false), "Projet retiré de la publication.");

    public Task<IActionResult> OnPostAddPhaseAsync(int id) =>
        ActAsync(id, p => content.AddPhaseAsync(p, Phase), "Phase ajoutée.", keep: "Phase", anchor: "phases");

    public Task<IActionResult> OnPostUpdatePhaseAsync(int id, int phaseId) =>
        ActAsync(id, p => content.UpdatePhaseAsync(p, phaseId, Phase), "Phase enregistrée.", keep: "Phase", anchor: "phases");

    public Task<IActionResult> OnPostRemovePhaseAsync(int id, int phaseId) =>
        ActAsync(id, p => content.RemovePhaseAsync(p, phaseId), "Phase retirée.", anchor: "phases");

    public Task<IActionResult> OnPostLinkAsync(int id, string? address, string? kind, int? number) =>
        ActAsync(id, p => content.LinkAsync(p, address, kind, number), "Élément lié au projet.", anchor: "liens");

    public Task<IActionResult> OnPostUnlinkAsync(int id, int linkId) =>
        ActAsync(id, p => content.UnlinkAsync(p, linkId), "Lien retiré.", anchor: "liens");

    public Task<IActionResult> OnPostUnlinkOutcomeAsync(int id, int outcomeId) =>
        ActAsync(id, p => content.UnlinkOutcomeAsync(p, outcomeId), "Lien retiré.", anchor: "liens");

    public Task<IActionResult> OnPostAddFileAsync(int id, IFormFile? file, bool photo, string? fileTitle, string? altText) =>
        ActAsync(id, p => files.AddAsync(p, file, photo, fileTitle, altText), photo ? "Photo ajoutée." : "Document ajouté.", anchor: "documents");

    public Task<IActionResult> OnPostRemoveFileAsync(int id, int fileId) =>
        ActAsync(id, p => files.RemoveAsync(p, fileId), "Document retiré.", anchor: "documents");

    // What was typed in the form that failed is kept when a rule is broken; the other forms show the project.
    private string? _keep;

    private async Task<IActionResult> ActAsync(int id, Func<Project, Task> action, string success, string? keep = null, string anchor = "")
    {
        _keep = keep;
        // A value the browser could not check (a date, a number) arrives unreadable: refused, nothing saved.
        var unreadable = keep == "Phase" && ModelState.Any(e => e.Key.StartsWith("Phase.", StringComparison.Ordinal)
            && e.Value?.ValidationState == ModelValidationState.Invalid);
        var invalid = keep == "Form" && !ModelState.IsValid;
        if (keep != "Form") ModelState.Clear();
        var project = await commands.FindAsync(User, id);
        if (invalid) return await ShowAsync(id, fillForm: false);
        if (unreadable) throw new DomainException("Une date ou un nombre du formulaire n'est pas lisible.");
        await action(project);
        TempData["Message"] = success;
        return Redirect($"/admin/projets/{id}" + (anchor.Length > 0 ? "#" + anchor : ""));
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync() =>
        await ShowAsync(this.RouteId()!.Value, fillForm: _keep != "Form") is PageResult;

    private async Task<IActionResult> ShowAsync(int id, bool fillForm)
    {
        Project = await commands.FindAsync(User, id);
        if (fillForm) Form = ProjectForm.From(Project);
        if (_keep != "Phase") Phase = new PhaseInput { StartsOn = queries.Today };
        Choices = await queries.ChoicesAsync(ProjectCommands.IsAdministrator(User));
        Phases = await queries.PhasesAsync(id);
        Current = ProjectPhase.Current(Phases, queries.Today);
        Links = await queries.LinksAsync(id);
        Outcomes = await queries.OutcomesAsync(id);
        Files = await files.ListAsync(id);
        return Page();
    }
}
