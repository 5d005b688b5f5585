using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Files;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Consultations.Manage;

[Authorize(Policy = Policies.ManageConsultations)]
public class EditConsultationModel(ParvisDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock, FileCommands files, IAuthorizationService authorization) : PageModel, IRedisplaysBrokenRules
{
    public bool IsAdministrator => User.IsInRole(nameof(StaffRole.Administrator));
    public List<string> Services { get; private set; } = [];
    private bool _denied;

    [BindProperty] public ConsultationForm Form { get; set; } = new();
    [BindProperty] public string? NewQuestion { get; set; }
    /// <summary>An open question, or statements to vote on (the opinion map).</summary>
    [BindProperty] public ConsultationQuestionKind NewQuestionKind { get; set; }
    public Consultation? Existing { get; private set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public List<FileView> Files { get; private set; } = [];

    public sealed class ConsultationForm
    {
        [Required(ErrorMessage = "Le titre est obligatoire.")]
        [StringLength(200, ErrorMessage = "Le titre dépasse 200 caractères.")]
        public string Title { get; set; } = "";
        [StringLength(1000, ErrorMessage = "Le résumé dépasse 1000 caractères.")]
        public string? Summary { get; set; }
        [StringLength(50_000, ErrorMessage = "Le texte dépasse 50 000 caractères.")]
        public string? Body { get; set; }
        [StringLength(200, ErrorMessage = "Le nom du projet dépasse 200 caractères.")]
        public string? ProjectName { get; set; }
        [StringLength(200, ErrorMessage = "Le nom du service dépasse 200 caractères.")]
        public string? ServiceName { get; set; }
        [Required(ErrorMessage = "Choisissez un territoire.")]
        public int? TerritoryId { get; set; }
        public LegalFrame LegalFrame { get; set; }
        [StringLength(20_000, ErrorMessage = "Les objectifs dépassent 20 000 caractères.")]
        public string? Objectives { get; set; }
        [Required(ErrorMessage = "Indiquez le début de la phase d'information.")]
        public DateTime? InformationStartsAt { get; set; }
        [Required(ErrorMessage = "Indiquez l'ouverture des contributions.")]
        public DateTime? ContributionsStartAt { get; set; }
        [Required(ErrorMessage = "Indiquez le début de la synthèse.")]
        public DateTime? SynthesisStartsAt { get; set; }
        public ParticipationLevel ContributeLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
        public ParticipationLevel ReactLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
        public ParticipationLevel CommentLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
        public int? ContributeMinimumAge { get; set; }
        public int? ReactMinimumAge { get; set; }
        public int? CommentMinimumAge { get; set; }
        public DisplayIdentity DisplayIdentity { get; set; }
        public List<DisplayIdentity> AllowedDisplays { get; set; } = [];
        public bool PreModeration { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        await LoadAsync(id);
        if (Refusal(id) is { } refusal) return refusal;
        if (Existing is { } c)
        {
            var org = tenant.Organization;
            Form = new ConsultationForm
            {
                Title = c.Title,
                Summary = c.Summary,
                Body = c.BodyMarkdown,
                ProjectName = c.ProjectName,
                ServiceName = c.ServiceName,
                TerritoryId = c.TerritoryId,
                LegalFrame = c.LegalFrame,
                Objectives = c.ObjectivesMarkdown,
                InformationStartsAt = org.ToLocal(c.InformationStartsAt),
                ContributionsStartAt = org.ToLocal(c.ContributionsStartAt),
                SynthesisStartsAt = org.ToLocal(c.SynthesisStartsAt),
                ContributeLevel = c.Rules.Contribute,
                ReactLevel = c.Rules.React,
                CommentLevel = c.Rules.Comment,
                ContributeMinimumAge = c.Rules.ContributeMinimumAge,
                ReactMinimumAge = c.Rules.ReactMinimumAge,
                CommentMinimumAge = c.Rules.CommentMinimumAge,
                DisplayIdentity = c.Rules.DisplayIdentity,
                AllowedDisplays = c.Rules.AllowedDisplayList().ToList(),
                PreModeration = c.Rules.PreModeration,
            };
        }
        else
        {
            var today = tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime).Date;
            Form.InformationStartsAt = today;
            Form.ContributionsStartAt = today.AddDays(7);
            Form.SynthesisStartsAt = today.AddDays(37);
            Form.AllowedDisplays = [DisplayIdentity.Pseudonym];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        _savingForm = true;
        await LoadAsync(id);
        if (Refusal(id) is { } refusal) return refusal;
        if (Form.TerritoryId is not null && Territories.All(t => t.Id != Form.TerritoryId))
            ModelState.AddModelError("Form.TerritoryId", "Ce territoire n'existe pas.");
        if (!ModelState.IsValid) return Page();
        var org = tenant.Organization;
        var (info, contrib, synth) = (org.ToUtc(Form.InformationStartsAt!.Value), org.ToUtc(Form.ContributionsStartAt!.Value), org.ToUtc(Form.SynthesisStartsAt!.Value));
        var scheduleError = Consultation.ValidateSchedule(info, contrib, synth);
        if (scheduleError is not null)
        {
            ModelState.AddModelError("Form.ContributionsStartAt", scheduleError);
            return Page();
        }
        var rules = new ParticipationRules
        {
            Contribute = Form.ContributeLevel,
            // Reactions and comments are counted per person: an account at least.
            React = Form.ReactLevel < ParticipationLevel.ConfirmedAccount ? ParticipationLevel.ConfirmedAccount : Form.ReactLevel,
            Comment = Form.CommentLevel < ParticipationLevel.ConfirmedAccount ? ParticipationLevel.ConfirmedAccount : Form.CommentLevel,
            ContributeMinimumAge = Form.ContributeMinimumAge,
            ReactMinimumAge = Form.ReactMinimumAge,
            CommentMinimumAge = Form.CommentMinimumAge,
            DisplayIdentity = Form.DisplayIdentity,
            AllowedDisplays = Form.AllowedDisplays.Aggregate(DisplayChoices.None, (all, d) => all | ParticipationRules.ChoiceOf(d)),
            PreModeration = Form.PreModeration,
        };
        if (rules.Validate() is { } rulesError)
        {
            ModelState.AddModelError("Form.AllowedDisplays", rulesError);
            return Page();
        }
        var c = Existing ?? new Consultation { Title = Form.Title };
        c.Title = Form.Title.Trim();
        c.Summary = Form.Summary?.Trim() ?? "";
        c.BodyMarkdown = Form.Body ?? "";
        c.ProjectName = string.IsNullOrWhiteSpace(Form.ProjectName) ? null : Form.ProjectName.Trim();
        // An agent's consultation always belongs to their own service; administrators choose.
        if (IsAdministrator) c.ServiceName = string.IsNullOrWhiteSpace(Form.ServiceName) ? null : Form.ServiceName.Trim();
        else if (Existing is null)
        {
            c.ServiceName = await ServiceStaffHandler.AgentServiceAsync(db, User);
            if (c.ServiceName is null)
            {
                ModelState.AddModelError("", "Votre rôle d'agent n'est rattaché à aucun service : demandez à un administrateur de l'indiquer avant de créer une concertation.");
                return Page();
            }
        }
        c.TerritoryId = Form.TerritoryId!.Value;
        c.SetFrame(Form.LegalFrame, Form.Objectives);
        (c.InformationStartsAt, c.ContributionsStartAt, c.SynthesisStartsAt) = (info, contrib, synth);
        c.Rules = rules;
        if (Existing is null) db.Consultations.Add(c);
        // One transaction: the consultation and its audit entry (which needs the new id) land together.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record(Existing is null ? "consultation.create" : "consultation.update", nameof(Consultation), c.Id, c.Title);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = "Concertation enregistrée.";
        return Redirect($"/admin/concertations/{c.Id}");
    }

    public async Task<IActionResult> OnPostPublishAsync(int id)
    {
        await LoadAsync(id);
        if (Refusal(id) is { } refusal) return refusal;
        Existing!.Publish(clock.GetUtcNow().UtcDateTime);
        audit.Record("consultation.publish", nameof(Consultation), id, Existing.Title);
        await db.SaveChangesAsync();
        TempData["Message"] = "Concertation publiée.";
        return Redirect($"/admin/concertations/{id}");
    }

    public async Task<IActionResult> OnPostAddQuestionAsync(int id)
    {
        await LoadAsync(id);
        if (Refusal(id) is { } refusal) return refusal;
        if (string.IsNullOrWhiteSpace(NewQuestion) || NewQuestion.Length > 500)
        {
            ModelState.AddModelError("NewQuestion", "La question doit compter de 1 à 500 caractères.");
            return await OnGetAsync(id);
        }
        var kind = Enum.IsDefined(NewQuestionKind) ? NewQuestionKind : ConsultationQuestionKind.Open;
        Existing!.Questions.Add(new Question { Text = NewQuestion.Trim(), Position = Existing.Questions.Count + 1, Kind = kind });
        audit.Record("question.add", nameof(Consultation), id, $"{NewQuestion.Trim()} ({Labels.Of(kind)})");
        await db.SaveChangesAsync();
        TempData["Message"] = "Question ajoutée.";
        return Redirect($"/admin/concertations/{id}");
    }

    public Task<IActionResult> OnPostUploadCoverAsync(int id, IFormFile? file) =>
        FileActionAsync(id, () => files.UploadAsync(id, Domain.FileKind.Cover, file, null), "Image de couverture enregistrée.");

    public Task<IActionResult> OnPostUploadDocumentAsync(int id, IFormFile? file, string? documentTitle) =>
        FileActionAsync(id, () => files.UploadAsync(id, Domain.FileKind.Document, file, documentTitle), "Document ajouté au dossier.");

    public Task<IActionResult> OnPostDeleteDocumentAsync(int id, Guid fileId) =>
        FileActionAsync(id, () => files.DeleteAsync(id, fileId), "Document retiré du dossier.");

    private async Task<IActionResult> FileActionAsync(int id, Func<Task> action, string success)
    {
        await LoadAsync(id);
        if (Refusal(id) is { } refusal) return refusal;
        await action();
        TempData["Message"] = success;
        return Redirect($"/admin/concertations/{id}");
    }

    private bool _savingForm;

    // The consultation's form keeps what was typed; the other forms show the consultation as it is.
    public async Task<bool> ReloadAfterBrokenRuleAsync() =>
        _savingForm || this.RouteId() is not { } id || await OnGetAsync(id) is PageResult;

    public string BrokenRuleField(string? handler) => handler switch
    {
        null => "Form.LegalFrame",
        "Publish" => "",
        _ => "file",
    };

    private async Task LoadAsync(int? id)
    {
        Territories = await TerritoryTree.OptionsAsync(db);
        Services = await db.RoleAssignments.Where(r => r.ServiceName != null).Select(r => r.ServiceName!).Distinct().OrderBy(n => n).ToListAsync();
        if (id is not null) Existing = await db.Consultations.Include(c => c.Questions).FirstOrDefaultAsync(c => c.Id == id);
        if (Existing is null) return;
        _denied = !(await authorization.AuthorizeAsync(User, Existing, ServiceStaffRequirement.Instance)).Succeeded;
        Files = await files.ForConsultationAsync(Existing.Id);
    }

    private IActionResult? Refusal(int? id) => id is not null && Existing is null ? NotFound() : _denied ? Forbid() : null;
}
