using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Councils;

/// <summary>Someone to seat: a name (public once seated), their account if they have one, the candidacy that brought them.</summary>
public sealed record Appointee(string Name, Guid? UserId, int? CandidacyId = null);

/// <summary>
/// Who sits on a council: appointments by its animators or the administrators, candidacies (at the council's
/// participation level), replacements and departures. Every change is audited; mandates are never deleted.
/// </summary>
public sealed class CouncilMembers(ParvisDbContext db, AuditLog audit, TimeProvider clock, UserManager<ParvisUser> users,
    IAuthorizationService authorization)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A staff appointment: a name, or an account by its e-mail (its name is used when none is typed).</summary>
    public async Task<CouncilMandate> AppointAsync(int councilId, int collegeId, string? name, string? email, MandateRole role, DateOnly? startsOn, DateOnly? endsOn)
    {
        var college = await CollegeAsync(councilId, collegeId);
        var user = await AccountAsync(email);
        var mandate = CouncilMandate.Start(councilId, college.Id, string.IsNullOrWhiteSpace(name) && user is not null ? FullName(user) : name,
            user?.Id, role, MandateSource.Appointment, startsOn, endsOn, Now);
        college.EnsureRoomFor(await SittingOnAsync(councilId, mandate.StartsOn), role, user?.Id);
        db.CouncilMandates.Add(mandate);
        audit.Record("council.member.appoint", "Council", councilId, $"{mandate.Name} · {college.Name} · {role}");
        await db.SaveChangesAsync();
        return mandate;
    }

    /// <summary>
    /// MERGE HOOK for drawing lots: seats everyone of a completed draw (or any list of appointees) as members of one
    /// college, from one date, all or none. Candidacies named by the appointees are marked appointed; the others are
    /// left as they are and never shown. Saves unless the caller saves with its own changes.
    /// </summary>
    public async Task<List<CouncilMandate>> AppointAllAsync(int councilId, int collegeId, IReadOnlyList<Appointee> people, MandateSource source,
        DateOnly startsOn, DateOnly? endsOn, bool save = true)
    {
        if (people.Count == 0) throw new DomainException("Personne à nommer.");
        var college = await CollegeAsync(councilId, collegeId);
        var sitting = await SittingOnAsync(councilId, startsOn);
        college.EnsureRoomFor(sitting, MandateRole.Member, null, people.Count);
        var accounts = people.Where(p => p.UserId is not null).Select(p => p.UserId).ToList();
        if (accounts.Distinct().Count() != accounts.Count || sitting.Any(m => m.UserId is not null && accounts.Contains(m.UserId)))
            throw new DomainException("Une même personne ne peut pas siéger deux fois au conseil.");
        var candidacyIds = people.Where(p => p.CandidacyId is not null).Select(p => p.CandidacyId!.Value).ToList();
        var candidacies = await db.CouncilCandidacies.Where(c => c.CouncilId == councilId && candidacyIds.Contains(c.Id)).ToListAsync();
        if (candidacies.Count != candidacyIds.Distinct().Count()) throw new DomainException("Une candidature nommée n'existe pas pour ce conseil.");
        var mandates = new List<CouncilMandate>();
        foreach (var person in people)
        {
            var mandate = CouncilMandate.Start(councilId, college.Id, person.Name, person.UserId, MandateRole.Member, source, startsOn, endsOn, Now);
            mandate.CandidacyId = person.CandidacyId;
            mandates.Add(mandate);
        }
        foreach (var candidacy in candidacies) candidacy.Decide(CandidacyStatus.Appointed, Now);
        db.CouncilMandates.AddRange(mandates);
        audit.Record("council.member.appoint-all", "Council", councilId, $"{mandates.Count} · {college.Name} · {source}");
        if (save) await db.SaveChangesAsync();
        return mandates;
    }

    /// <summary>The member leaves on that day; the mandate stays in the public history.</summary>
    public async Task EndAsync(int councilId, int mandateId, DateOnly? on)
    {
        var mandate = await MandateAsync(councilId, mandateId);
        mandate.End(on);
        audit.Record("council.member.end", "Council", councilId, $"{mandate.Name} · {on:yyyy-MM-dd}");
        await db.SaveChangesAsync();
    }

    /// <summary>Another person takes the seat from that day to the planned end, in the same college and role; the one replaced leaves the day before.</summary>
    public async Task<CouncilMandate> ReplaceAsync(int councilId, int mandateId, string? name, string? email, DateOnly? on)
    {
        var old = await MandateAsync(councilId, mandateId);
        if (on is not { } day) throw new DomainException("Indiquez la date du remplacement.");
        if (day <= old.StartsOn) throw new DomainException("Le remplacement commence après le début du mandat remplacé.");
        var plannedEnd = old.EndsOn;
        old.End(day.AddDays(-1));
        var college = await CollegeAsync(councilId, old.CollegeId);
        var user = await AccountAsync(email);
        var mandate = CouncilMandate.Start(councilId, college.Id, string.IsNullOrWhiteSpace(name) && user is not null ? FullName(user) : name,
            user?.Id, old.Role, MandateSource.Appointment, day, plannedEnd, Now);
        mandate.ReplacesMandateId = old.Id;
        college.EnsureRoomFor((await SittingOnAsync(councilId, day)).Where(m => m.Id != old.Id).ToList(), old.Role, user?.Id);
        db.CouncilMandates.Add(mandate);
        audit.Record("council.member.replace", "Council", councilId, $"{old.Name} → {mandate.Name}");
        await db.SaveChangesAsync();
        return mandate;
    }

    /// <summary>A person applies for a seat, at the council's candidacy level; one pending candidacy per person and council.</summary>
    public async Task<CouncilCandidacy> ApplyAsync(ClaimsPrincipal user, Council council, int? collegeId, string? name, string? motivation)
    {
        if (!council.AcceptsCandidacies) throw new DomainException("Ce conseil ne reçoit pas de candidatures en ce moment.");
        await CouncilAgenda.EnsureAllowedAsync(authorization, user, council, ParticipationAction.Apply);
        var me = user.UserId() ?? throw new DomainException("Connectez-vous pour participer.");
        if (collegeId is not { } id || !await db.CouncilColleges.AnyAsync(c => c.Id == id && c.CouncilId == council.Id))
            throw new DomainException("Choisissez le collège où vous candidatez.");
        if (await db.CouncilCandidacies.AnyAsync(c => c.CouncilId == council.Id && c.UserId == me && c.Status == CandidacyStatus.Pending))
            throw new DomainException("Vous avez déjà une candidature en attente pour ce conseil.");
        var candidacy = CouncilCandidacy.Submit(council.Id, id, me, name, motivation, Now);
        db.CouncilCandidacies.Add(candidacy);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two posts at once: the unique index on pending candidacies keeps one.
            throw new DomainException("Vous avez déjà une candidature en attente pour ce conseil.");
        }
        return candidacy;
    }

    /// <summary>An animator seats a candidate (from a date) or does not retain them.</summary>
    public async Task DecideCandidacyAsync(int councilId, int candidacyId, bool appoint, DateOnly? startsOn, DateOnly? endsOn)
    {
        var candidacy = await db.CouncilCandidacies.FirstOrDefaultAsync(c => c.Id == candidacyId && c.CouncilId == councilId)
            ?? throw new DomainException("Cette candidature n'existe pas.");
        if (candidacy.Status != CandidacyStatus.Pending) throw new DomainException("Cette candidature a déjà reçu une suite.");
        if (!appoint)
        {
            candidacy.Decide(CandidacyStatus.NotRetained, Now);
            audit.Record("council.candidacy.not-retained", "Council", councilId, candidacy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync();
            return;
        }
        if (startsOn is not { } start) throw new DomainException("Indiquez la date de début du mandat.");
        await AppointAllAsync(councilId, candidacy.CollegeId, [new Appointee(candidacy.Name, candidacy.UserId, candidacy.Id)],
            MandateSource.Candidacy, start, endsOn);
    }

    private async Task<CouncilCollege> CollegeAsync(int councilId, int collegeId) =>
        await db.CouncilColleges.FirstOrDefaultAsync(c => c.Id == collegeId && c.CouncilId == councilId)
        ?? throw new DomainException("Choisissez un collège du conseil.");

    private async Task<CouncilMandate> MandateAsync(int councilId, int mandateId) =>
        await db.CouncilMandates.FirstOrDefaultAsync(m => m.Id == mandateId && m.CouncilId == councilId)
        ?? throw new DomainException("Ce mandat n'existe pas.");

    private async Task<ParvisUser?> AccountAsync(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        return await users.FindByEmailAsync(email.Trim()) ?? throw new DomainException("Aucun compte de la collectivité n'a cette adresse e-mail.");
    }

    private static string? FullName(ParvisUser user) =>
        string.IsNullOrWhiteSpace(user.FirstName) || string.IsNullOrWhiteSpace(user.LastName) ? null : $"{user.FirstName.Trim()} {user.LastName.Trim()}";

    /// <summary>The council's mandates running on that day (seats taken, president, secretary).</summary>
    public Task<List<CouncilMandate>> SittingOnAsync(int councilId, DateOnly day) =>
        db.CouncilMandates.Where(m => m.CouncilId == councilId && m.StartsOn <= day && (m.EndsOn == null || m.EndsOn >= day)).ToListAsync();
}
