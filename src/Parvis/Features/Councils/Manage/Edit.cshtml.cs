using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Councils.Manage;

/// <summary>An administrator sets a council up: what it is, its colleges and their seats, who animates it.</summary>
[Authorize(Policy = Policies.Administer)]
public class EditModel(ParvisDbContext db, CouncilQueries queries, CouncilCommands commands) : PageModel, IRedisplaysBrokenRules
{
    public sealed record AnimatorRow(int Id, string Email, string Pseudonym);

    [BindProperty] public CouncilForm Form { get; set; } = new();
    public Council Council { get; private set; } = null!;
    public List<CouncilCollege> Colleges { get; private set; } = [];
    public List<AnimatorRow> Animators { get; private set; } = [];
    public List<(int Id, string Label)> Territories { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(int id) => ShowAsync(id, fillForm: true);

    public Task<IActionResult> OnPostAsync(int id) => ActAsync(id, () => commands.UpdateAsync(id, Form), "Le conseil est enregistré.", keepForm: true);

    public Task<IActionResult> OnPostAddCollegeAsync(int id, string? name, int? seats) =>
        ActAsync(id, () => commands.AddCollegeAsync(id, name, seats), "Le collège est ajouté.");

    public Task<IActionResult> OnPostUpdateCollegeAsync(int id, int collegeId, string? name, int? seats) =>
        ActAsync(id, () => commands.UpdateCollegeAsync(id, collegeId, name, seats, queries.Today), "Le collège est enregistré.");

    public Task<IActionResult> OnPostRemoveCollegeAsync(int id, int collegeId) =>
        ActAsync(id, () => commands.RemoveCollegeAsync(id, collegeId), "Le collège est supprimé.");

    public Task<IActionResult> OnPostAddAnimatorAsync(int id, string? email) =>
        ActAsync(id, () => commands.AddAnimatorAsync(id, email), "La personne anime désormais ce conseil, et seulement lui.");

    public Task<IActionResult> OnPostRemoveAnimatorAsync(int id, int animatorId) =>
        ActAsync(id, () => commands.RemoveAnimatorAsync(id, animatorId), "La personne n'anime plus ce conseil.");

    private bool _keepForm;

    private async Task<IActionResult> ActAsync(int id, Func<Task> action, string success, bool keepForm = false)
    {
        ModelState.Clear();
        _keepForm = keepForm;
        if (!await db.Councils.AnyAsync(c => c.Id == id)) return NotFound();
        await action();
        TempData["Message"] = success;
        return Redirect($"/admin/conseils/{id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync() => await ShowAsync(this.RouteId()!.Value, fillForm: !_keepForm) is PageResult;

    public string BrokenRuleField(string? handler) => handler is null ? "Form" : "";

    private async Task<IActionResult> ShowAsync(int id, bool fillForm)
    {
        var council = await queries.FindAsync(id);
        if (council is null) return NotFound();
        Council = council;
        if (fillForm) Form = CouncilForm.From(council);
        Colleges = await queries.CollegesAsync(id);
        Territories = await TerritoryTree.OptionsAsync(db);
        Animators = await db.CouncilAnimators.AsNoTracking().Where(a => a.CouncilId == id)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new AnimatorRow(a.Id, u.Email ?? "", u.Pseudonym)).ToListAsync();
        return Page();
    }
}
