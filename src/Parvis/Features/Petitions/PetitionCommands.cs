using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions;

public sealed record PetitionInput(string? Title, string? Request, string? Reasons, string? Addressee, int? TerritoryId);

/// <summary>
/// A petition's life before and around signing: drafting, sponsoring, submitting, moderation, the
/// council's decision, closing. One method per action, one SaveChanges each.
/// </summary>
public sealed class PetitionCommands(ParvisDbContext db, IAuthorizationService authorization, TenantContext tenant, AuditLog audit,
    EmailQueue mail, PetitionMails mails, TimeProvider clock, Infrastructure.Cluster.ICacheInvalidation eviction,
    Notifications.Notifier notifier)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Every node forgets the petition's cached signing rules once its status changed.</summary>
    private Task ForgetRulesAsync(int id) => eviction.ForgetAsync([Signing.PetitionRulesCache.KeyOf(tenant.OrganizationId, id)]);
    private PetitionSettings Settings => tenant.Organization.Petitions;

    /// <summary>What stops this person drafting (or sponsoring) under the organization's rules, or null.</summary>
    public async Task<ParticipationRefusal?> RefusalAsync(ClaimsPrincipal user, bool electorMode)
    {
        var root = await RootTerritoryAsync();
        var result = await authorization.AuthorizeAsync(user, new PetitionSupportSpace(root, electorMode), new ParticipationRequirement(ParticipationAction.Propose));
        if (result.Succeeded) return null;
        return result.Failure?.FailureReasons.OfType<ParticipationRefusal>().FirstOrDefault()
            ?? throw new DomainException("Vous ne pouvez pas participer ici.");
    }

    public async Task<Petition> DraftAsync(ClaimsPrincipal user, PetitionInput input)
    {
        if (await RefusalAsync(user, Settings.ElectorMode) is { } refusal) throw refusal.Reason;
        var (territory, error) = await CheckAsync(input);
        if (error is not null) throw new DomainException(error);
        var petition = new Petition
        {
            AuthorId = user.UserId() ?? throw new DomainException("Connectez-vous."),
            TerritoryId = territory,
            Title = input.Title!.Trim(),
            Request = input.Request!.Trim(),
            Reasons = input.Reasons!.Trim(),
            Addressee = input.Addressee!.Trim(),
            CreatedAt = Now,
            Status = PetitionStatus.Draft,
        };
        petition.TakeRules(Settings);
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        await notifier.AutoFollowAsync(petition.AuthorId, FollowSubjectKind.Petition, petition.Id);
        return petition;
    }

    public async Task EditAsync(ClaimsPrincipal user, int id, PetitionInput input)
    {
        var petition = await OwnAsync(user, id);
        var (territory, error) = await CheckAsync(input);
        if (error is not null) throw new DomainException(error);
        petition.Edit(input.Title!, input.Request!, input.Reasons!, input.Addressee!, territory);
        await db.SaveChangesAsync();
    }

    public async Task SponsorAsync(ClaimsPrincipal user, string token)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.SponsorToken == token) ?? throw new DomainException("Ce lien de parrainage n'existe pas.");
        var userId = user.UserId() ?? throw new DomainException("Connectez-vous.");
        petition.EnsureSponsorable(userId);
        if (await RefusalAsync(user, Settings.ElectorMode || petition.ElectorMode) is { } refusal) throw refusal.Reason;
        if (await db.PetitionSponsors.AnyAsync(s => s.PetitionId == petition.Id && s.UserId == userId))
            throw new DomainException("Vous parrainez déjà cette pétition.");
        db.PetitionSponsors.Add(new PetitionSponsor { PetitionId = petition.Id, UserId = userId, CreatedAt = Now });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The unique index caught a double click racing the check above.
            throw new DomainException("Vous parrainez déjà cette pétition.");
        }
    }

    public async Task SubmitAsync(ClaimsPrincipal user, int id)
    {
        var petition = await OwnAsync(user, id);
        var sponsors = await db.PetitionSponsors.CountAsync(s => s.PetitionId == id);
        petition.TakeRules(Settings);
        petition.Submit(sponsors, Settings.SponsorsRequired, Now);
        await db.SaveChangesAsync();
    }

    public async Task PublishAsync(int id)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == id) ?? throw new DomainException("Cette pétition n'existe pas.");
        var (response, agenda) = petition.ElectorMode
            ? ElectorThresholds(await RegisteredElectorsAsync())
            : (Settings.ResponseThreshold, Settings.AgendaThreshold);
        petition.Publish(Now, Settings.OpenMonths, response, agenda, Settings.ResponseDeadlineDays);
        Enqueue(await mails.DecisionAsync(petition));
        audit.Record("petition.publish", nameof(Petition), id);
        await db.SaveChangesAsync();
        await ForgetRulesAsync(id);
        mail.Flush();
    }

    public async Task RejectAsync(int id, string? reason)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == id) ?? throw new DomainException("Cette pétition n'existe pas.");
        petition.Reject(reason, Now);
        Enqueue(await mails.DecisionAsync(petition));
        audit.Record("petition.reject", nameof(Petition), id, petition.RejectionReason);
        await db.SaveChangesAsync();
        await ForgetRulesAsync(id);
        mail.Flush();
    }

    public async Task RecordDecisionAsync(int id, string? decision, DateOnly? meetingOn)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == id) ?? throw new DomainException("Cette pétition n'existe pas.");
        petition.RecordCouncilDecision(decision, meetingOn, Now);
        if (await db.PetitionAgendaItems.FirstOrDefaultAsync(a => a.PetitionId == id) is { } item)
        {
            item.Status = AgendaItemStatus.Decided;
            item.MeetingOn = meetingOn ?? item.MeetingOn;
        }
        audit.Record("petition.council-decision", nameof(Petition), id, meetingOn?.ToString("yyyy-MM-dd"));
        await db.SaveChangesAsync();
    }

    public async Task ScheduleAsync(int id, DateOnly? meetingOn)
    {
        var item = await db.PetitionAgendaItems.FirstOrDefaultAsync(a => a.PetitionId == id)
            ?? throw new DomainException("Cette pétition n'a pas atteint le seuil d'inscription à l'ordre du jour.");
        if (meetingOn is null) throw new DomainException("Indiquez la date de la séance du conseil.");
        item.MeetingOn = meetingOn;
        if (item.Status == AgendaItemStatus.ToSchedule) item.Status = AgendaItemStatus.Scheduled;
        audit.Record("petition.schedule", nameof(Petition), id, meetingOn.Value.ToString("yyyy-MM-dd"));
        await db.SaveChangesAsync();
    }

    public async Task CloseAsync(int id)
    {
        var petition = await db.Petitions.FirstOrDefaultAsync(p => p.Id == id) ?? throw new DomainException("Cette pétition n'existe pas.");
        petition.Close(Now);
        audit.Record("petition.close", nameof(Petition), id);
        await db.SaveChangesAsync();
        await ForgetRulesAsync(id);
    }

    /// <summary>The number of registered electors: the one the organization entered, else the current electoral list.</summary>
    public async Task<int> RegisteredElectorsAsync() => Settings.RegisteredElectors ?? await ElectorsOnListAsync(db);

    public static Task<int> ElectorsOnListAsync(ParvisDbContext db) =>
        db.CensusEntries.CountAsync(e => e.IsElector && db.CensusFiles.Any(f => f.Id == e.CensusFileId && f.ReplacedAt == null));

    private (int, int?) ElectorThresholds(int registered)
    {
        if (Settings.RegisteredElectors is null && registered == 0)
            throw new DomainException("Le nombre d'électeurs inscrits est inconnu : importez la liste électorale ou indiquez-le dans les réglages des pétitions.");
        var threshold = Math.Max(1, Settings.ElectorThreshold(registered));
        return (threshold, threshold);
    }

    private void Enqueue(IEnumerable<PetitionMails.Mail> messages)
    {
        foreach (var m in messages) mail.Enqueue(m.To, m.Subject, m.Body);
    }

    private async Task<Petition> OwnAsync(ClaimsPrincipal user, int id)
    {
        var userId = user.UserId();
        return await db.Petitions.FirstOrDefaultAsync(p => p.Id == id && p.AuthorId == userId)
            ?? throw new DomainException("Cette pétition n'existe pas.");
    }

    private async Task<int> RootTerritoryAsync() =>
        await db.Territories.Where(t => t.ParentId == null).OrderBy(t => t.Id).Select(t => (int?)t.Id).FirstOrDefaultAsync()
        ?? throw new DomainException("La collectivité n'a pas encore de territoire.");

    private async Task<(int Territory, string? Error)> CheckAsync(PetitionInput input)
    {
        var error = Petition.Validate(input.Title?.Trim(), input.Request?.Trim(), input.Reasons?.Trim(), input.Addressee?.Trim());
        if (error is not null) return (0, error);
        if (input.TerritoryId is { } id)
            return await db.Territories.AnyAsync(t => t.Id == id) ? (id, null) : (0, "Choisissez un territoire de la liste.");
        return (await RootTerritoryAsync(), null);
    }
}
