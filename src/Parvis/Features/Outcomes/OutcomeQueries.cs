using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Outcomes;

/// <summary>An outcome as pages show it, with the items that led to it (those the reader may see).</summary>
public sealed record OutcomeView(
    int Id, string Title, string DescriptionMarkdown, OutcomeStatus Status, int ProgressPercent, decimal? BudgetEuros,
    DateOnly DecidedOn, DateOnly? StartedOn, DateOnly? ExpectedOn, DateOnly? DoneOn, int TerritoryId, string TerritoryName,
    string? ServiceName, DateTime? PublishedAt, IReadOnlyList<SubjectView> Items, OutcomeProject? Project = null);

/// <summary>The published project an outcome belongs to, for the link from the outcome to its project.</summary>
public sealed record OutcomeProject(int Id, string Title);

/// <summary>An outcome linked to an item, as the item's page lists it.</summary>
public sealed record FedOutcome(int Id, string Title, OutcomeStatus Status, int ProgressPercent);

public sealed class OutcomeQueries(ParvisDbContext db, OutcomeSubjects subjects)
{
    public const int MaxListed = 200;

    /// <summary>Published outcomes of the organization or of the given territories: under way first, then decided, done, abandoned.</summary>
    public async Task<List<OutcomeView>> PublishedAsync(IReadOnlyCollection<int>? territories)
    {
        var query = db.Outcomes.AsNoTracking().Where(PublicItems.Outcomes);
        if (territories is not null) query = query.Where(o => territories.Contains(o.TerritoryId));
        var outcomes = await query
            .OrderBy(o => o.Status == OutcomeStatus.InProgress ? 0 : o.Status == OutcomeStatus.Decided ? 1 : o.Status == OutcomeStatus.Done ? 2 : 3)
            .ThenByDescending(o => o.DecidedOn).ThenByDescending(o => o.Id)
            .Take(MaxListed).ToListAsync();
        return await ViewsAsync(outcomes, forStaff: false);
    }

    /// <summary>One outcome; a draft only for staff.</summary>
    public async Task<OutcomeView?> OneAsync(int id, bool forStaff)
    {
        var outcome = await db.Outcomes.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && (forStaff || o.PublishedAt != null));
        return outcome is null ? null : (await ViewsAsync([outcome], forStaff)).Single();
    }

    /// <summary>
    /// The published outcomes an item fed. A consultation also shows the outcomes fed by its contributions.
    /// </summary>
    public async Task<List<FedOutcome>> FedByAsync(OutcomeSubjectKind kind, int id)
    {
        var links = db.OutcomeLinks.Where(l => l.Kind == kind && l.SubjectId == id);
        if (kind == OutcomeSubjectKind.Consultation)
        {
            var contributions = db.Contributions.Where(c => c.ConsultationId == id && c.State == ModerationState.Published).Select(c => c.Id);
            links = db.OutcomeLinks.Where(l => (l.Kind == kind && l.SubjectId == id)
                || (l.Kind == OutcomeSubjectKind.Contribution && contributions.Contains(l.SubjectId)));
        }
        var outcomeIds = links.Select(l => l.OutcomeId);
        return await db.Outcomes.AsNoTracking()
            .Where(o => o.PublishedAt != null && outcomeIds.Contains(o.Id))
            .OrderByDescending(o => o.DecidedOn).ThenByDescending(o => o.Id)
            .Select(o => new FedOutcome(o.Id, o.Title, o.Status, o.ProgressPercent))
            .Take(50).ToListAsync();
    }

    /// <summary>The links of an outcome as staff manage them: the link's id and the item (null when it no longer exists).</summary>
    public async Task<List<(int LinkId, OutcomeSubjectKind Kind, int SubjectId, SubjectView? View)>> LinksForStaffAsync(int outcomeId)
    {
        var links = await db.OutcomeLinks.AsNoTracking().Where(l => l.OutcomeId == outcomeId).OrderBy(l => l.Id).ToListAsync();
        var views = await subjects.DescribeAsync(links.Select(l => (l.Kind, l.SubjectId)), forStaff: true);
        return links.Select(l => (l.Id, l.Kind, l.SubjectId, views.GetValueOrDefault((l.Kind, l.SubjectId)))).ToList();
    }

    private async Task<List<OutcomeView>> ViewsAsync(List<Outcome> outcomes, bool forStaff)
    {
        var ids = outcomes.Select(o => o.Id).ToList();
        var links = await db.OutcomeLinks.AsNoTracking().Where(l => ids.Contains(l.OutcomeId)).OrderBy(l => l.Id).ToListAsync();
        var views = await subjects.DescribeAsync(links.Select(l => (l.Kind, l.SubjectId)), forStaff);
        var territoryIds = outcomes.Select(o => o.TerritoryId).Distinct().ToList();
        var territories = await db.Territories.AsNoTracking().Where(t => territoryIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name);
        var projectIds = outcomes.Where(o => o.ProjectId != null).Select(o => o.ProjectId!.Value).Distinct().ToList();
        var projects = projectIds.Count == 0 ? [] : await db.Projects.AsNoTracking()
            .Where(p => projectIds.Contains(p.Id) && p.PublishedAt != null).ToDictionaryAsync(p => p.Id, p => new OutcomeProject(p.Id, p.Title));
        return outcomes.Select(o => new OutcomeView(o.Id, o.Title, o.DescriptionMarkdown, o.Status, o.ProgressPercent, o.BudgetEuros,
            o.DecidedOn, o.StartedOn, o.ExpectedOn, o.DoneOn, o.TerritoryId, territories.GetValueOrDefault(o.TerritoryId, ""), o.ServiceName, o.PublishedAt,
            links.Where(l => l.OutcomeId == o.Id).Select(l => views.GetValueOrDefault((l.Kind, l.SubjectId))).OfType<SubjectView>().ToList(),
            o.ProjectId is { } project ? projects.GetValueOrDefault(project) : null)).ToList();
    }
}

/// <summary>"The outcomes this item fed", on any item's page: <c>@await Component.InvokeAsync("OutcomesFed", new { kind, id, heading })</c>.</summary>
/// <summary>The outcomes an item fed: the same for everyone, so from memory (per organization, evicted by any staff action).</summary>
public sealed class OutcomesFedViewComponent(OutcomeQueries queries, Infrastructure.Web.OrganizationCache cache) : ViewComponent
{
    public const string ForContribution = "Ce que cette contribution a permis de décider";
    public const string ForConsultation = "Ce que cette concertation a permis de décider";
    public const string ForPetition = "Ce que cette pétition a permis de décider";
    public const string ForProposal = "Ce que cette proposition a permis de décider";
    public const string ForOpinion = "Ce que cet avis a permis de décider";

    public async Task<IViewComponentResult> InvokeAsync(OutcomeSubjectKind kind, int id, string heading)
    {
        var outcomes = await cache.GetAsync("outcomes-fed", $"{kind}:{id}", () => queries.FedByAsync(kind, id));
        return View("/Features/Outcomes/_OutcomesFed.cshtml", (heading, outcomes));
    }
}
