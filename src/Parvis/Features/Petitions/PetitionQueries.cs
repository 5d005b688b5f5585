using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Contributions;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions;

/// <summary>A petition in a list: its count and how far it is from each threshold.</summary>
public sealed record PetitionCard(int Id, string Title, PetitionStatus Status, long Count, int ResponseThreshold, int? AgendaThreshold,
    int ResponseDeadlineDays, DateTime? ClosesAt, DateTime? ResponseDueAt, bool Answered, bool ElectorMode);

public sealed class PetitionQueries(ParvisDbContext db, PetitionCounts counts)
{
    public const int PageSize = 20;

    /// <summary>Open petitions, newest first.</summary>
    public Task<(List<PetitionCard> Cards, int Total)> OpenAsync(int page) =>
        CardsAsync(db.Petitions.Where(p => p.Status == PetitionStatus.Open).OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id), page);

    /// <summary>Closed petitions, most recently closed first.</summary>
    public Task<(List<PetitionCard> Cards, int Total)> ClosedAsync(int page) =>
        CardsAsync(db.Petitions.Where(p => p.Status == PetitionStatus.Closed).OrderByDescending(p => p.ClosedAt).ThenByDescending(p => p.Id), page);

    private async Task<(List<PetitionCard>, int)> CardsAsync(IQueryable<Petition> query, int page)
    {
        page = Math.Max(1, page);
        var total = await query.CountAsync();
        var rows = await query.AsNoTracking().Skip((page - 1) * PageSize).Take(PageSize).ToListAsync();
        var ids = rows.Select(p => p.Id).ToList();
        var numbers = await counts.CountsAsync(ids);
        var answered = await db.OfficialResponses.Where(r => r.PetitionId != null && ids.Contains(r.PetitionId.Value) && r.Status == ResponseStatus.Published)
            .Select(r => r.PetitionId!.Value).Distinct().ToListAsync();
        return (rows.Select(p => CardOf(p, numbers[p.Id], answered.Contains(p.Id))).ToList(), total);
    }

    public static PetitionCard CardOf(Petition p, long count, bool answered) =>
        new(p.Id, p.Title, p.Status, count, p.ResponseThreshold, p.AgendaThreshold, p.ResponseDeadlineDays, p.ClosesAt, p.ResponseDueAt, answered, p.ElectorMode);

    /// <summary>
    /// The petition if this person may see it: anyone once published; before that only its author,
    /// the moderators and the staff (everyone else gets a 404).
    /// </summary>
    public async Task<Petition?> VisibleAsync(ClaimsPrincipal user, int id)
    {
        var petition = await db.Petitions.AsNoTracking().Include(p => p.Territory).FirstOrDefaultAsync(p => p.Id == id);
        if (petition is null || petition.IsPublic) return petition;
        return user.UserId() == petition.AuthorId || user.IsStaff() ? petition : null;
    }

    public Task<List<ResponseView>> ResponsesAsync(int petitionId, bool includeDrafts) =>
        db.OfficialResponses.AsNoTracking()
            .Where(r => r.PetitionId == petitionId && (includeDrafts || r.Status == ResponseStatus.Published))
            .OrderBy(r => r.DraftedAt)
            .Select(r => new ResponseView(r.Id, r.Body, r.SignatureLabel, r.Status, r.DraftedAt, r.PublishedAt)).ToListAsync();

    public Task<int> SponsorCountAsync(int petitionId) => db.PetitionSponsors.CountAsync(s => s.PetitionId == petitionId);
}
