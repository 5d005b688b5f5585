using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Councils;

/// <summary>
/// Animating a council (its animators and the administrators): seating members by appointment, from candidacies,
/// ending and replacing mandates. The agenda items and opinions have their own pages.
/// </summary>
public class AnimationModel(ParvisDbContext db, CouncilQueries queries, CouncilMembers members) : CouncilPage, IRedisplaysBrokenRules
{
    public sealed record CandidacyRow(int Id, string Name, string College, string Motivation, DateTime CreatedAt);

    public List<CouncilCollege> Colleges { get; private set; } = [];
    public List<MandateView> Current { get; private set; } = [];
    public List<CandidacyRow> Candidacies { get; private set; } = [];
    public DateOnly Today => queries.Today;

    public async Task<IActionResult> OnGetAsync(int id) => await EnterAsync(id, Policies.AnimateCouncil) ?? await ShowAsync();

    public Task<IActionResult> OnPostAppointAsync(int id, int collegeId, string? name, string? email, MandateRole? role, DateOnly? startsOn, DateOnly? endsOn) =>
        ActAsync(id, () => members.AppointAsync(id, collegeId, name, email, role ?? MandateRole.Member, startsOn, endsOn), "Le membre est nommé.");

    public Task<IActionResult> OnPostEndAsync(int id, int mandateId, DateOnly? on) =>
        ActAsync(id, () => members.EndAsync(id, mandateId, on), "Le mandat est terminé ; il reste dans l'historique public du conseil.");

    public Task<IActionResult> OnPostReplaceAsync(int id, int mandateId, string? name, string? email, DateOnly? on) =>
        ActAsync(id, () => members.ReplaceAsync(id, mandateId, name, email, on), "Le remplacement est enregistré.");

    public Task<IActionResult> OnPostAppointCandidateAsync(int id, int candidacyId, DateOnly? startsOn, DateOnly? endsOn) =>
        ActAsync(id, () => members.DecideCandidacyAsync(id, candidacyId, appoint: true, startsOn, endsOn), "La personne est nommée membre du conseil.");

    public Task<IActionResult> OnPostNotRetainedAsync(int id, int candidacyId) =>
        ActAsync(id, () => members.DecideCandidacyAsync(id, candidacyId, appoint: false, null, null), "La candidature n'est pas retenue.");

    private async Task<IActionResult> ActAsync(int id, Func<Task> action, string success)
    {
        ModelState.Clear();
        if (await EnterAsync(id, Policies.AnimateCouncil) is { } refused) return refused;
        await action();
        TempData["Message"] = success;
        return Redirect($"/conseils/{id}/animation");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await ShowAsync();
        return true;
    }

    private async Task<IActionResult> ShowAsync()
    {
        Colleges = await queries.CollegesAsync(Council.Id);
        var today = Today;
        Current = (await queries.MandatesAsync(Council.Id)).Where(m => m.EndsOn is null || m.EndsOn >= today).ToList();
        var names = Colleges.ToDictionary(c => c.Id, c => c.Name);
        Candidacies = (await db.CouncilCandidacies.AsNoTracking().Where(c => c.CouncilId == Council.Id && c.Status == CandidacyStatus.Pending)
                .OrderBy(c => c.CreatedAt).Take(200).ToListAsync())
            .Select(c => new CandidacyRow(c.Id, c.Name, names.GetValueOrDefault(c.CollegeId, ""), c.Motivation, c.CreatedAt)).ToList();
        return Page();
    }
}
