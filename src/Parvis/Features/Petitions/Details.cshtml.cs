using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Contributions;
using Parvis.Features.Responses;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Petitions;

/// <summary>
/// The public page of a petition: what it asks, its count and thresholds, the official response and the
/// council's decision; for staff, the forms to answer, record the decision and close it.
/// </summary>
public class DetailsModel(ParvisDbContext db, PetitionQueries queries, PetitionCounts counts, PetitionCommands commands, ResponseCommands responses,
    AuthorDisplay authors, IAuthorizationService authorization) : PageModel, IRedisplaysBrokenRules
{
    public Petition Petition { get; private set; } = null!;
    public PetitionCard Card { get; private set; } = null!;
    public AuthorView Author { get; private set; } = null!;
    public List<ResponseView> Responses { get; private set; } = [];
    public PetitionAgendaItem? AgendaItem { get; private set; }
    public int Sponsors { get; private set; }
    public bool IsAgent { get; private set; }
    /// <summary>Administrators and elected officials record what the council decided.</summary>
    public bool CanDecide { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDraftResponseAsync(int id, string? body)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Answer)).Succeeded) return Forbid();
        if (!await PublicAsync(id)) return NotFound();
        return await Act(id, () => responses.DraftAsync(User, ResponseSubject.Petition(id), body),
            "La réponse est enregistrée en brouillon : un élu ou un validateur doit l'approuver.", "reponse");
    }

    public async Task<IActionResult> OnPostDecisionAsync(int id, string? decision, DateOnly? meetingOn)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Validate)).Succeeded) return Forbid();
        return await Act(id, () => commands.RecordDecisionAsync(id, decision, meetingOn), "La décision du conseil est publiée.", "conseil");
    }

    public async Task<IActionResult> OnPostScheduleAsync(int id, DateOnly? meetingOn)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Validate)).Succeeded) return Forbid();
        return await Act(id, () => commands.ScheduleAsync(id, meetingOn), "La séance du conseil est enregistrée.", "conseil");
    }

    public async Task<IActionResult> OnPostCloseAsync(int id)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Answer)).Succeeded) return Forbid();
        return await Act(id, () => commands.CloseAsync(id), "La pétition est close.", null);
    }

    private async Task<bool> PublicAsync(int id) => await db.Petitions.AnyAsync(p => p.Id == id && (p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed));

    private async Task<IActionResult> Act(int id, Func<Task> action, string success, string? anchor)
    {
        ModelState.Clear();
        await action();
        TempData["Message"] = success;
        return Redirect($"/petitions/{id}" + (anchor is null ? "" : "#" + anchor));
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadAsync(this.RouteId()!.Value);

    private async Task<bool> LoadAsync(int id)
    {
        var petition = await queries.VisibleAsync(User, id);
        if (petition is null) return false;
        Petition = petition;
        IsAgent = (await authorization.AuthorizeAsync(User, Policies.Answer)).Succeeded;
        CanDecide = (await authorization.AuthorizeAsync(User, Policies.Validate)).Succeeded;
        Responses = await queries.ResponsesAsync(id, includeDrafts: IsAgent);
        Card = PetitionQueries.CardOf(petition, await counts.CountAsync(id), Responses.Any(r => r.Status == ResponseStatus.Published));
        Author = await authors.ForAsync(new AuthorSource(petition.AuthorId, DisplayIdentity.Pseudonym, null), new ParticipationRules());
        AgendaItem = await db.PetitionAgendaItems.AsNoTracking().FirstOrDefaultAsync(a => a.PetitionId == id);
        Sponsors = await queries.SponsorCountAsync(id);
        return true;
    }
}
