using Parvis.Domain;
using Parvis.Features.Proposals;
using Parvis.Features.Requests;
using ConsultationLabels = Parvis.Features.Consultations.Labels;

namespace Parvis.Features.Search;

/// <summary>
/// The "état" filter: for the kinds whose state people look for, the states offered (address name, French name) and
/// their rule on the item, read at query time like visibility. A state only narrows what is already public.
/// </summary>
public static class SearchStates
{
    public sealed record State(string Slug, string Name);

    // Merged proposals are not public: not offered.
    private static readonly (string Slug, ProposalState Status)[] ProposalSlugs =
    [
        ("publiee", ProposalState.Published), ("a-l-etude", ProposalState.UnderStudy), ("retenue", ProposalState.Accepted),
        ("retenue-avec-modifications", ProposalState.AcceptedWithChanges), ("non-retenue", ProposalState.NotRetained),
        ("realisee", ProposalState.CarriedOut),
    ];

    private static readonly (string Slug, OutcomeStatus Status)[] OutcomeSlugs =
    [
        ("decide", OutcomeStatus.Decided), ("en-cours", OutcomeStatus.InProgress), ("realise", OutcomeStatus.Done),
        ("abandonne", OutcomeStatus.Abandoned),
    ];

    private static readonly State[] ProposalStates = [.. ProposalSlugs.Select(s => new State(s.Slug, ProposalLabels.Of(s.Status)))];

    private static readonly State[] RequestStates =
    [
        new(RequestFilter.Open, "Ouverts"), new(RequestFilter.Closed, "Fermés"),
        .. RequestFilter.StatusSlugs.Select(s => new State(s.Slug, ServiceRequest.Label(s.Status))),
    ];

    private static readonly State[] OutcomeStates = [.. OutcomeSlugs.Select(s => new State(s.Slug, ConsultationLabels.Of(s.Status)))];

    /// <summary>The states offered for a kind; none when it has no state to filter by.</summary>
    public static IReadOnlyList<State> Of(SearchKind kind) => kind switch
    {
        SearchKind.Consultation => [new("a-venir", "À venir"), new("en-cours", "En cours"), new("closes", "Closes")],
        SearchKind.Proposal => ProposalStates,
        SearchKind.Petition => [new("ouvertes", "Ouvertes"), new("closes", "Closes"), new("repondues", "Avec une réponse officielle")],
        SearchKind.Request => RequestStates,
        SearchKind.Outcome => OutcomeStates,
        _ => [],
    };

    public static IQueryable<Consultation> Filter(IQueryable<Consultation> query, string? state, DateTime now) => state switch
    {
        "a-venir" => query.Where(c => c.ClosedAt == null && c.InformationStartsAt > now),
        "en-cours" => query.Where(c => c.ClosedAt == null && c.InformationStartsAt <= now),
        "closes" => query.Where(c => c.ClosedAt != null),
        _ => query,
    };

    public static IQueryable<Proposal> Filter(IQueryable<Proposal> query, string? state) =>
        ProposalSlugs.FirstOrDefault(s => s.Slug == state) is { Slug: not null } known ? query.Where(p => p.Status == known.Status) : query;

    public static IQueryable<Petition> Filter(IQueryable<Petition> query, string? state) => state switch
    {
        "ouvertes" => query.Where(p => p.Status == PetitionStatus.Open),
        "closes" => query.Where(p => p.Status == PetitionStatus.Closed),
        "repondues" => query.Where(p => p.FirstAnsweredAt != null),
        _ => query,
    };

    public static IQueryable<ServiceRequest> Filter(IQueryable<ServiceRequest> query, string? state)
    {
        if (state == RequestFilter.Open)
            return query.Where(r => r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Acknowledged
                || r.Status == RequestStatus.InProgress);
        if (state == RequestFilter.Closed)
            return query.Where(r => r.Status != RequestStatus.Submitted && r.Status != RequestStatus.Acknowledged
                && r.Status != RequestStatus.InProgress);
        return RequestFilter.StatusSlugs.FirstOrDefault(s => s.Slug == state) is { Slug: not null } known
            ? query.Where(r => r.Status == known.Status)
            : query;
    }

    public static IQueryable<Outcome> Filter(IQueryable<Outcome> query, string? state) =>
        OutcomeSlugs.FirstOrDefault(s => s.Slug == state) is { Slug: not null } known ? query.Where(o => o.Status == known.Status) : query;
}
