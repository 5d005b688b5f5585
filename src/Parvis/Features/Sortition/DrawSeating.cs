using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Councils;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Sortition;

/// <summary>A college of a council the drawn people can be seated in, as the draw's page offers it.</summary>
public sealed record SeatChoice(int CouncilId, int CollegeId, string Label);

/// <summary>
/// Seats the people a draw selected (and who did not decline) on a council, as members of one college, from
/// today: the council's public history then shows them as members by drawing lots. People drawn in a later
/// replacement round are seated the same way; nobody is seated twice.
/// </summary>
public sealed class DrawSeating(ParvisDbContext db, CouncilMembers members, AuditLog audit, TimeProvider clock)
{
    public Task<List<SeatChoice>> ChoicesAsync() =>
        db.CouncilColleges.AsNoTracking()
            .Join(db.Councils, college => college.CouncilId, council => council.Id, (college, council) => new { college, council })
            .OrderBy(x => x.council.Name).ThenBy(x => x.college.Position)
            .Select(x => new SeatChoice(x.council.Id, x.college.Id, x.council.Name + " — " + x.college.Name))
            .ToListAsync();

    /// <returns>How many people were seated.</returns>
    public async Task<int> SeatAsync(int drawId, int collegeId)
    {
        var draw = await db.Draws.SingleOrDefaultAsync(d => d.Id == drawId) ?? throw new DomainException("Ce tirage n'existe pas.");
        var councilId = await db.CouncilColleges.Where(c => c.Id == collegeId).Select(c => (int?)c.CouncilId).FirstOrDefaultAsync()
            ?? throw new DomainException("Choisissez un collège d'un conseil de cette collectivité.");
        if (draw.CouncilId is { } chosen && chosen != councilId)
            throw new DomainException("Les personnes de ce tirage siègent déjà dans un autre conseil.");
        var people = await db.DrawPeople
            .Where(p => p.DrawId == drawId && p.SelectedInRound != null && p.DeclinedAt == null && p.SeatedAt == null)
            .OrderBy(p => p.Code).ToListAsync();
        if (people.Count == 0) throw new DomainException("Personne à faire siéger : tirez d'abord un tour, ou tout le panel siège déjà.");
        var now = clock.GetUtcNow().UtcDateTime;
        var appointees = people.Select(p => new Appointee(string.IsNullOrWhiteSpace(p.Name) ? p.Code : p.Name, null)).ToList();
        await members.AppointAllAsync(councilId, collegeId, appointees, MandateSource.Draw, DateOnly.FromDateTime(now), null, save: false);
        foreach (var person in people) person.SeatedAt = now;
        draw.CouncilId = councilId;
        audit.Record("draw.seat", nameof(Draw), drawId, FormattableString.Invariant($"{people.Count} · conseil {councilId}"));
        await db.SaveChangesAsync();
        return people.Count;
    }
}
