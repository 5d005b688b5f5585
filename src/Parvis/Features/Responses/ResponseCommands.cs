using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Responses;

/// <summary>
/// The validation workflow of official responses, whatever they answer: an agent drafts, an elected
/// official or administrator (someone else) validates and publishes.
/// </summary>
public sealed class ResponseCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock, Petitions.PetitionMails petitionMails,
    Notifications.Notifier notifier)
{
    public const string DefaultSignature = "La collectivité";

    public Task DraftAsync(ClaimsPrincipal agent, int contributionId, string? body) =>
        DraftAsync(agent, ResponseSubject.Contribution(contributionId), body);

    /// <summary>Adds a draft to the context and audits it; saves unless the caller saves with its own change.</summary>
    public async Task<OfficialResponse> DraftAsync(ClaimsPrincipal agent, ResponseSubject subject, string? body, bool save = true)
    {
        var error = OfficialResponse.Validate(body);
        if (error is not null) throw new DomainException(error);
        var agentId = agent.UserId() ?? throw new DomainException("Connectez-vous.");
        if (!await ExistsAsync(subject)) throw new DomainException("Ce que vous voulez répondre n'existe pas.");
        // Signed with the agent's service, never their name (droit de réserve).
        var service = await Infrastructure.Identity.ServiceStaffHandler.AgentServiceAsync(db, agent);
        var response = new OfficialResponse
        {
            Subject = subject,
            Body = body!.Trim(),
            SignatureLabel = service ?? DefaultSignature,
            DraftedById = agentId,
            DraftedAt = clock.GetUtcNow().UtcDateTime,
            Status = ResponseStatus.Draft,
        };
        db.OfficialResponses.Add(response);
        audit.Record("response.draft", subject.Kind.ToString(), subject.Id);
        if (save) await db.SaveChangesAsync();
        return response;
    }

    public async Task PublishAsync(ClaimsPrincipal validator, int responseId)
    {
        var response = await db.OfficialResponses.FirstOrDefaultAsync(r => r.Id == responseId) ?? throw new DomainException("Cette réponse n'existe pas.");
        var now = clock.GetUtcNow().UtcDateTime;
        response.Publish(validator.UserId() ?? throw new DomainException("Connectez-vous."), now);
        var subject = response.Subject;
        var askedAt = await OnPublishedAsync(subject, now);
        audit.Record("response.publish", subject.Kind.ToString(), subject.Id,
            askedAt is { } at ? $"Délai depuis la demande : {(now - at).TotalHours:0.#} h" : null);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        if (Followed(subject) is { } followed)
            await notifier.RecordAsync(NotificationKind.OfficialResponse, followed, subject.Id);
        if (transaction is not null) await transaction.CommitAsync();
    }

    // What the followers of an answered item follow it as; a council's avis is followed through its council's page.
    private static FollowSubjectKind? Followed(ResponseSubject subject) => subject.Kind switch
    {
        ResponseSubjectKind.Contribution => FollowSubjectKind.Contribution,
        ResponseSubjectKind.Petition => FollowSubjectKind.Petition,
        ResponseSubjectKind.Proposal => FollowSubjectKind.Proposal,
        _ => null,
    };

    private Task<bool> ExistsAsync(ResponseSubject subject) => subject.Kind switch
    {
        ResponseSubjectKind.Contribution => db.Contributions.AnyAsync(c => c.Id == subject.Id),
        // A petition is answered once it is public: drafts and rejected ones are not the institution's business.
        ResponseSubjectKind.Petition => db.Petitions.AnyAsync(p => p.Id == subject.Id && (p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed)),
        ResponseSubjectKind.Proposal => db.Proposals.AnyAsync(p => p.Id == subject.Id),
        ResponseSubjectKind.Opinion => db.CouncilOpinions.AnyAsync(o => o.Id == subject.Id),
        _ => Task.FromResult(false),
    };

    /// <summary>Records the first answer on what was answered; returns when it was asked.</summary>
    private async Task<DateTime?> OnPublishedAsync(ResponseSubject subject, DateTime now)
    {
        switch (subject.Kind)
        {
            case ResponseSubjectKind.Contribution:
                var contribution = await db.Contributions.FirstAsync(c => c.Id == subject.Id);
                contribution.FirstAnsweredAt ??= now;
                return contribution.CreatedAt;
            case ResponseSubjectKind.Petition:
                var petition = await db.Petitions.FirstAsync(p => p.Id == subject.Id);
                petition.FirstAnsweredAt ??= now;
                Petitions.PetitionMails.Queue(db, await petitionMails.ResponseAsync(petition), now);
                return petition.ResponseThresholdReachedAt ?? petition.PublishedAt;
            case ResponseSubjectKind.Proposal:
                var proposal = await db.Proposals.FirstAsync(p => p.Id == subject.Id);
                proposal.FirstAnsweredAt ??= now;
                return proposal.CreatedAt;
            case ResponseSubjectKind.Opinion:
                var opinion = await db.CouncilOpinions.FirstAsync(o => o.Id == subject.Id);
                opinion.FirstAnsweredAt ??= now;
                return opinion.CreatedAt;
            default:
                return null;
        }
    }
}
