using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Proposals.Manage;

/// <summary>Creating or changing a proposals space and its categories: administrators, and agents for their own service's spaces.</summary>
[Authorize(Policy = Policies.ManageConsultations)]
public class EditSpaceModel(ParvisDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock, ProposalFollowUp followUp) : PageModel
{
    public bool IsAdministrator => User.IsInRole(nameof(StaffRole.Administrator));
    public List<string> Services { get; private set; } = [];
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public ProposalSpace? Existing { get; private set; }

    [BindProperty] public SpaceForm Form { get; set; } = new();
    [BindProperty] public string? NewCategory { get; set; }

    public sealed class SpaceForm
    {
        [Required(ErrorMessage = "Le titre est obligatoire.")]
        [StringLength(ProposalSpace.MaxTitle, ErrorMessage = "Le titre dépasse 200 caractères.")]
        public string Title { get; set; } = "";
        [StringLength(ProposalSpace.MaxDescription, ErrorMessage = "La description dépasse 20 000 caractères.")]
        public string? Description { get; set; }
        [Required(ErrorMessage = "Choisissez un territoire.")]
        public int? TerritoryId { get; set; }
        public DateTime? OpensAt { get; set; }
        public DateTime? ClosesAt { get; set; }
        [StringLength(200, ErrorMessage = "Le nom du service dépasse 200 caractères.")]
        public string? ServiceName { get; set; }
        [Range(1, 10_000_000, ErrorMessage = "Le seuil de soutiens doit être un nombre positif.")]
        public int? SupportThreshold { get; set; }
        [StringLength(ProposalSpace.MaxCommitment, ErrorMessage = "L'engagement dépasse 500 caractères.")]
        public string? ThresholdCommitment { get; set; }
        public ParticipationLevel ProposeLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
        public ParticipationLevel SupportLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
        public int? ProposeMinimumAge { get; set; }
        public int? SupportMinimumAge { get; set; }
        public DisplayIdentity DisplayIdentity { get; set; }
        public List<DisplayIdentity> AllowedDisplays { get; set; } = [DisplayIdentity.Pseudonym];
        public bool PreModeration { get; set; }
        public bool Published { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        if (Existing is { } s)
        {
            var org = tenant.Organization;
            Form = new SpaceForm
            {
                Title = s.Title,
                Description = s.DescriptionMarkdown,
                TerritoryId = s.TerritoryId,
                OpensAt = s.OpensAt is { } o ? org.ToLocal(o) : null,
                ClosesAt = s.ClosesAt is { } c ? org.ToLocal(c) : null,
                ServiceName = s.ServiceName,
                SupportThreshold = s.SupportThreshold,
                ThresholdCommitment = s.ThresholdCommitment,
                ProposeLevel = s.ProposeLevel,
                SupportLevel = s.SupportLevel,
                ProposeMinimumAge = s.ProposeMinimumAge,
                SupportMinimumAge = s.SupportMinimumAge,
                DisplayIdentity = s.DisplayIdentity,
                AllowedDisplays = s.DisplayRules.AllowedDisplayList().ToList(),
                PreModeration = s.PreModeration,
                Published = s.PublishedAt is not null,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (await LoadAsync(id) is { } refusal) return refusal;
        if (Form.TerritoryId is not null && Territories.All(t => t.Id != Form.TerritoryId))
            ModelState.AddModelError("Form.TerritoryId", "Ce territoire n'existe pas.");
        if (!ModelState.IsValid) return Page();
        var org = tenant.Organization;
        var s = Existing ?? new ProposalSpace { Title = Form.Title };
        s.Title = Form.Title.Trim();
        s.DescriptionMarkdown = Form.Description ?? "";
        s.TerritoryId = Form.TerritoryId!.Value;
        s.OpensAt = Form.OpensAt is { } o ? org.ToUtc(o) : null;
        s.ClosesAt = Form.ClosesAt is { } c ? org.ToUtc(c) : null;
        // An agent's space always belongs to their own service; administrators choose.
        if (IsAdministrator) s.ServiceName = string.IsNullOrWhiteSpace(Form.ServiceName) ? null : Form.ServiceName.Trim();
        else if (Existing is null) s.ServiceName = await ServiceStaffHandler.AgentServiceAsync(db, User);
        s.SupportThreshold = Form.SupportThreshold;
        s.ThresholdCommitment = string.IsNullOrWhiteSpace(Form.ThresholdCommitment) ? null : Form.ThresholdCommitment.Trim();
        s.ProposeLevel = Form.ProposeLevel;
        s.SupportLevel = Form.SupportLevel;
        s.ProposeMinimumAge = Form.ProposeMinimumAge;
        s.SupportMinimumAge = Form.SupportMinimumAge;
        s.DisplayIdentity = Form.DisplayIdentity;
        s.AllowedDisplays = Form.AllowedDisplays.Aggregate(DisplayChoices.None, (all, d) => all | ParticipationRules.ChoiceOf(d));
        s.PreModeration = Form.PreModeration;
        if (Form.Published) s.PublishedAt ??= clock.GetUtcNow().UtcDateTime;
        else s.PublishedAt = null;
        if (s.Validate() is { } error)
        {
            ModelState.AddModelError("Form", error);
            return Page();
        }
        if (Existing is null) db.ProposalSpaces.Add(s);
        await db.SaveChangesAsync();
        audit.Record(Existing is null ? "proposal-space.create" : "proposal-space.update", nameof(ProposalSpace), s.Id, s.Title);
        await db.SaveChangesAsync();
        TempData["Message"] = "L'espace de propositions est enregistré.";
        return Redirect($"/admin/propositions/espace/{s.Id}");
    }

    public async Task<IActionResult> OnPostAddCategoryAsync(int? id)
    {
        ModelState.Clear();
        if (await LoadAsync(id) is { } refusal) return refusal;
        if (Existing is null) return NotFound();
        var name = NewCategory?.Trim();
        if (string.IsNullOrEmpty(name)) ModelState.AddModelError("NewCategory", "Donnez un nom à la catégorie.");
        else if (name.Length > ProposalCategory.MaxName) ModelState.AddModelError("NewCategory", "Le nom de la catégorie dépasse 100 caractères.");
        if (!ModelState.IsValid)
        {
            await OnGetAsync(id);
            return Page();
        }
        db.ProposalCategories.Add(new ProposalCategory { SpaceId = Existing.Id, Name = name!, Position = Existing.Categories.Count == 0 ? 1 : Existing.Categories.Max(c => c.Position) + 1 });
        audit.Record("proposal-space.category.add", nameof(ProposalSpace), Existing.Id, name);
        await db.SaveChangesAsync();
        return Redirect($"/admin/propositions/espace/{Existing.Id}#categories");
    }

    public async Task<IActionResult> OnPostRemoveCategoryAsync(int? id, int categoryId)
    {
        ModelState.Clear();
        if (await LoadAsync(id) is { } refusal) return refusal;
        if (Existing is null) return NotFound();
        var category = Existing.Categories.FirstOrDefault(c => c.Id == categoryId);
        var error = category is null ? "Cette catégorie n'existe pas."
            : await db.Proposals.AnyAsync(p => p.CategoryId == categoryId) ? "Des propositions sont classées dans cette catégorie : elle ne peut pas être supprimée." : null;
        if (error is not null)
        {
            await OnGetAsync(id);
            ModelState.AddModelError("NewCategory", error);
            return Page();
        }
        db.ProposalCategories.Remove(category!);
        audit.Record("proposal-space.category.remove", nameof(ProposalSpace), Existing.Id, category!.Name);
        await db.SaveChangesAsync();
        return Redirect($"/admin/propositions/espace/{Existing.Id}#categories");
    }

    private async Task<IActionResult?> LoadAsync(int? id)
    {
        Services = await db.RoleAssignments.Where(r => r.ServiceName != null).Select(r => r.ServiceName!).Distinct().OrderBy(n => n).ToListAsync();
        Territories = await TerritoryTree.OptionsAsync(db);
        if (id is null) return null;
        Existing = await db.ProposalSpaces.Include(s => s.Categories).FirstOrDefaultAsync(s => s.Id == id);
        if (Existing is null) return NotFound();
        Existing.Categories.Sort((a, b) => a.Position.CompareTo(b.Position));
        // Agents change only the spaces of their own service.
        return await followUp.CanFollowAsync(User, Existing) ? null : Forbid();
    }
}
