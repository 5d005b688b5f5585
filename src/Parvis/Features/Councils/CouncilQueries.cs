using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Contributions;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Councils;

public sealed record CouncilCard(int Id, string Name, CouncilKind Kind, string Territory, int Members);

public sealed record MandateView(int Id, int CollegeId, string College, string Name, MandateRole Role, MandateSource Source,
    DateOnly StartsOn, DateOnly? EndsOn, bool HasAccount);

public sealed record OpinionSummary(int Id, string Title, DateOnly AdoptedOn, int VotesFor, int VotesAgainst, int Abstentions, DateTime? AnsweredAt);

public sealed record OpinionVoteView(string Member, MemberVote Vote);

/// <summary>What the public reads of councils: members current and past (names of a public body are public), opinions and their answers, accepted agenda items.</summary>
public sealed class CouncilQueries(ParvisDbContext db, TenantContext tenant, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime));

    public async Task<List<CouncilCard>> AllAsync()
    {
        var today = Today;
        return await db.Councils.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CouncilCard(c.Id, c.Name, c.Kind,
                db.Territories.Where(t => t.Id == c.TerritoryId).Select(t => t.Name).FirstOrDefault() ?? "",
                db.CouncilMandates.Count(m => m.CouncilId == c.Id && m.StartsOn <= today && (m.EndsOn == null || m.EndsOn >= today))))
            .ToListAsync();
    }

    public Task<Council?> FindAsync(int id) => db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);

    public Task<string> TerritoryNameAsync(int territoryId) =>
        db.Territories.Where(t => t.Id == territoryId).Select(t => t.Name).FirstAsync();

    public Task<List<CouncilCollege>> CollegesAsync(int councilId) =>
        db.CouncilColleges.AsNoTracking().Where(c => c.CouncilId == councilId).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync();

    /// <summary>Every mandate of the council, newest first; the caller splits current and past with <see cref="Today"/>.</summary>
    public async Task<List<MandateView>> MandatesAsync(int councilId) =>
        // Roles are stored as text: sorted here, president first.
        (await db.CouncilMandates.AsNoTracking().Where(m => m.CouncilId == councilId)
            .Join(db.CouncilColleges, m => m.CollegeId, c => c.Id, (m, c) => new { m, College = c.Name })
            .Select(x => new MandateView(x.m.Id, x.m.CollegeId, x.College, x.m.Name, x.m.Role, x.m.Source, x.m.StartsOn, x.m.EndsOn, x.m.UserId != null))
            .ToListAsync())
        .OrderBy(m => m.Role).ThenBy(m => m.Name, StringComparer.CurrentCulture).ThenByDescending(m => m.StartsOn).ToList();

    public Task<List<OpinionSummary>> OpinionsAsync(int councilId) =>
        db.CouncilOpinions.AsNoTracking().Where(o => o.CouncilId == councilId).OrderByDescending(o => o.AdoptedOn).ThenByDescending(o => o.Id)
            .Select(o => new OpinionSummary(o.Id, o.Title, o.AdoptedOn, o.VotesFor, o.VotesAgainst, o.Abstentions, o.FirstAnsweredAt))
            .ToListAsync();

    public Task<CouncilOpinion?> OpinionAsync(int id) => db.CouncilOpinions.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id);

    public Task<List<OpinionVoteView>> VotesAsync(int opinionId) =>
        db.CouncilOpinionVotes.AsNoTracking().Where(v => v.OpinionId == opinionId)
            .Join(db.CouncilMandates, v => v.MandateId, m => m.Id, (v, m) => new { m.Name, v.Vote })
            .OrderBy(x => x.Name).Select(x => new OpinionVoteView(x.Name, x.Vote)).ToListAsync();

    public Task<List<ResponseView>> ResponsesAsync(int opinionId, bool includeDrafts) =>
        db.OfficialResponses.AsNoTracking()
            .Where(r => r.CouncilOpinionId == opinionId && (includeDrafts || r.Status == ResponseStatus.Published))
            .OrderBy(r => r.DraftedAt)
            .Select(r => new ResponseView(r.Id, r.Body, r.SignatureLabel, r.Status, r.DraftedAt, r.PublishedAt)).ToListAsync();

    /// <summary>The items the council took on its agenda (without their authors' names).</summary>
    public Task<List<CouncilAgendaItem>> AcceptedItemsAsync(int councilId) =>
        db.CouncilAgendaItems.AsNoTracking().Where(i => i.CouncilId == councilId && i.Status == CouncilItemStatus.Accepted)
            .OrderByDescending(i => i.DecidedAt).Take(50).ToListAsync();

    /// <summary>What this person proposed to the council, and the answers they received.</summary>
    public Task<List<CouncilAgendaItem>> ItemsOfAsync(int councilId, Guid userId) =>
        db.CouncilAgendaItems.AsNoTracking().Where(i => i.CouncilId == councilId && i.AuthorId == userId)
            .OrderByDescending(i => i.CreatedAt).Take(50).ToListAsync();

    public Task<List<CouncilCandidacy>> CandidaciesOfAsync(int councilId, Guid userId) =>
        db.CouncilCandidacies.AsNoTracking().Where(c => c.CouncilId == councilId && c.UserId == userId)
            .OrderByDescending(c => c.CreatedAt).Take(20).ToListAsync();

    /// <summary>The councils this person animates (to find their way to them).</summary>
    public Task<List<int>> AnimatedByAsync(Guid userId) =>
        db.CouncilAnimators.AsNoTracking().Where(a => a.UserId == userId).Select(a => a.CouncilId).ToListAsync();
}
