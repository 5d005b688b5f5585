using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Responses;

/// <summary>A published item still without a published official response after the organization's deadline.</summary>
/// <remarks>Init properties, not a positional record: EF Core sorts and pages on a member-initialized projection, and the kinds concatenate.</remarks>
public sealed class OverdueItem
{
    public ResponseSubjectKind Kind { get; init; }
    public int Id { get; init; }
    public string? Title { get; init; }
    public string Body { get; init; } = "";
    public string? ServiceName { get; init; }
    public DateTime CreatedAt { get; init; }
    public bool HasDraft { get; init; }
}

/// <summary>
/// Overdue answers: what was posted more than the organization's <c>ResponseDeadlineDays</c> ago and still
/// waits for its first published official response. An agent sees their service's; an administrator sees
/// all, or one service. Contributions, then proposals, petitions and councils' opinions, one <c>Concat</c> each.
/// </summary>
public sealed class OverdueAnswers(ParvisDbContext db, TenantContext tenant, TimeProvider clock)
{
    public const int PageSize = 50;
    public const string NoService = "—";

    /// <summary>Whose overdue answers this person sees: all (administrator, optionally one service), one service (agent), or none.</summary>
    public sealed record Scope(bool All, string? Service)
    {
        public bool SeesNothing => !All && Service is null;
    }

    public async Task<Scope> ScopeAsync(ClaimsPrincipal user, string? serviceFilter = null)
    {
        if (user.IsInRole(nameof(StaffRole.Administrator)))
            return string.IsNullOrWhiteSpace(serviceFilter) ? new Scope(true, null) : new Scope(false, serviceFilter);
        if (!user.IsInRole(nameof(StaffRole.Agent))) return new Scope(false, null);
        return new Scope(false, await ServiceStaffHandler.AgentServiceAsync(db, user));
    }

    public IQueryable<OverdueItem> Query(Scope scope)
    {
        var dueBefore = clock.GetUtcNow().UtcDateTime.AddDays(-tenant.Organization.ResponseDeadlineDays);
        var contributions = db.Contributions.AsNoTracking()
            .Where(c => c.FirstAnsweredAt == null && c.State == ModerationState.Published && c.CreatedAt < dueBefore);
        if (!scope.All)
        {
            var service = scope.Service == NoService ? null : scope.Service;
            contributions = contributions.Where(c => c.Consultation!.ServiceName == service);
        }
        var items = contributions.Select(c => new OverdueItem
        {
            Kind = ResponseSubjectKind.Contribution,
            Id = c.Id,
            Title = c.Title,
            Body = c.Body.Substring(0, 200),
            ServiceName = c.Consultation!.ServiceName,
            CreatedAt = c.CreatedAt,
            HasDraft = db.OfficialResponses.Any(r => r.ContributionId == c.Id && r.Status == ResponseStatus.Draft),
        });
        var proposals = db.Proposals.AsNoTracking()
            .Where(p => p.FirstAnsweredAt == null && p.State == ModerationState.Published && p.Status != ProposalState.Merged && p.CreatedAt < dueBefore);
        if (!scope.All)
        {
            var service = scope.Service == NoService ? null : scope.Service;
            proposals = proposals.Where(p => p.Space!.ServiceName == service);
        }
        items = items.Concat(proposals.Select(p => new OverdueItem
        {
            Kind = ResponseSubjectKind.Proposal,
            Id = p.Id,
            Title = p.Title,
            Body = p.Body.Substring(0, 200),
            ServiceName = p.Space!.ServiceName,
            CreatedAt = p.CreatedAt,
            HasDraft = db.OfficialResponses.Any(r => r.ProposalId == p.Id && r.Status == ResponseStatus.Draft),
        }));
        // A petition owes its answer by the date set when it crossed its response threshold; it has no service.
        var now = clock.GetUtcNow().UtcDateTime;
        if (scope.All || scope.Service == NoService)
            items = items.Concat(db.Petitions.AsNoTracking()
                .Where(p => p.FirstAnsweredAt == null && p.ResponseDueAt != null && p.ResponseDueAt < now)
                .Select(p => new OverdueItem
                {
                    Kind = ResponseSubjectKind.Petition,
                    Id = p.Id,
                    Title = p.Title,
                    Body = p.Request.Substring(0, 200),
                    ServiceName = null,
                    CreatedAt = p.PublishedAt ?? p.CreatedAt,
                    HasDraft = db.OfficialResponses.Any(r => r.PetitionId == p.Id && r.Status == ResponseStatus.Draft),
                }));
        // A council's opinion is owed its answer within the deadline from its publication; it has no service either.
        if (scope.All || scope.Service == NoService)
            items = items.Concat(db.CouncilOpinions.AsNoTracking()
                .Where(o => o.FirstAnsweredAt == null && o.CreatedAt < dueBefore)
                .Select(o => new OverdueItem
                {
                    Kind = ResponseSubjectKind.Opinion,
                    Id = o.Id,
                    Title = o.Title,
                    Body = o.TextMarkdown.Substring(0, 200),
                    ServiceName = null,
                    CreatedAt = o.CreatedAt,
                    HasDraft = db.OfficialResponses.Any(r => r.CouncilOpinionId == o.Id && r.Status == ResponseStatus.Draft),
                }));
        return items;
    }

    /// <summary>How many answers are overdue for this person (shown on the administration home and on /reponses).</summary>
    public async Task<int?> CountAsync(ClaimsPrincipal user)
    {
        var scope = await ScopeAsync(user);
        return scope.SeesNothing ? null : await Query(scope).CountAsync();
    }

    public static string UrlOf(OverdueItem item) => item.Kind switch
    {
        ResponseSubjectKind.Contribution => $"/contributions/{item.Id}",
        ResponseSubjectKind.Proposal => $"/propositions/{item.Id}",
        ResponseSubjectKind.Opinion => $"/conseils/avis/{item.Id}",
        _ => $"/petitions/{item.Id}",
    };
}
