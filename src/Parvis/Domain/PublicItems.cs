using System.Linq.Expressions;

namespace Parvis.Domain;

/// <summary>
/// What anyone may read, as database filters: the pages' lists and the public API both filter with these, so an
/// item hidden, waiting for moderation or not yet published is left out everywhere by the same rule.
/// </summary>
public static class PublicItems
{
    public static readonly Expression<Func<Consultation, bool>> Consultations = c => c.PublishedAt != null;

    /// <summary>Published by moderation (not hidden, not waiting for review or for an e-mail confirmation).</summary>
    public static readonly Expression<Func<Contribution, bool>> Contributions = c => c.State == ModerationState.Published;

    /// <summary>Published and not deleted by its author.</summary>
    public static readonly Expression<Func<Comment, bool>> Comments = c => c.State == ModerationState.Published && c.DeletedAt == null;

    public static readonly Expression<Func<ProposalSpace, bool>> ProposalSpaces = s => s.PublishedAt != null;

    /// <summary>Published by moderation and not merged into another (its supporters moved there).</summary>
    public static readonly Expression<Func<Proposal, bool>> Proposals = p => p.State == ModerationState.Published && p.Status != ProposalState.Merged;

    /// <summary>The database form of <see cref="Petition.IsPublic"/>: open or closed, never a draft, one awaiting moderation or a rejected one.</summary>
    public static readonly Expression<Func<Petition, bool>> Petitions = p => p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed;

    public static readonly Expression<Func<Outcome, bool>> Outcomes = o => o.PublishedAt != null;

    public static readonly Expression<Func<Project, bool>> Projects = p => p.PublishedAt != null;

    /// <summary>Published, cancelled or not (a cancelled meeting's page says so).</summary>
    public static readonly Expression<Func<Meeting, bool>> Meetings = m => m.PublishedAt != null;

    /// <summary>Published (a draft is seen by staff only), in whatever phase; results once the vote is closed (<see cref="Budget.HasResultsAt"/>).</summary>
    public static readonly Expression<Func<Budget, bool>> Budgets = b => b.PublishedAt != null;

    /// <summary>Published, open or closed; quick questions too (their page is their results).</summary>
    public static readonly Expression<Func<Survey, bool>> Surveys = s => s.PublishedAt != null;

    /// <summary>
    /// Not hidden by a moderator, not waiting for its author's e-mail. Only when the organization's requests are public
    /// (<see cref="RequestSettings.PublicRequests"/>): otherwise each is its author's alone.
    /// </summary>
    public static readonly Expression<Func<ServiceRequest, bool>> ServiceRequests = r => !r.IsHidden && !r.AwaitingEmail;

    /// <summary>The database form of <see cref="NewsPost.IsPublicAt"/>: its publication time has come.</summary>
    public static Expression<Func<NewsPost, bool>> NewsPostsAt(DateTime now) => p => p.PublishAt != null && p.PublishAt <= now;

    // An item read on its own (its page, the API's item, a search result) also needs its parent to be public: these
    // join the rules above along the chain, as subqueries of the caller's (organization-filtered) sets.

    /// <summary>Public contributions of public consultations.</summary>
    public static IQueryable<Contribution> Readable(this IQueryable<Contribution> contributions,
        IQueryable<Consultation> consultations)
    {
        var parents = consultations.Where(Consultations);
        return contributions.Where(Contributions).Where(c => parents.Any(p => p.Id == c.ConsultationId));
    }

    /// <summary>Public comments of public contributions.</summary>
    public static IQueryable<Comment> Readable(this IQueryable<Comment> comments,
        IQueryable<Contribution> contributions, IQueryable<Consultation> consultations)
    {
        var parents = contributions.Readable(consultations);
        return comments.Where(Comments).Where(c => parents.Any(p => p.Id == c.ContributionId));
    }

    /// <summary>Public proposals of public spaces.</summary>
    public static IQueryable<Proposal> Readable(this IQueryable<Proposal> proposals, IQueryable<ProposalSpace> spaces)
    {
        var parents = spaces.Where(ProposalSpaces);
        return proposals.Where(Proposals).Where(p => parents.Any(s => s.Id == p.SpaceId));
    }
}
