using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Outcomes;

/// <summary>An item an outcome is linked to, as the public sees it: its heading and its page.</summary>
public sealed record SubjectView(OutcomeSubjectKind Kind, int Id, string Title, string Url);

/// <summary>
/// The one place that knows, for each kind of item an outcome can be linked to, whether it exists in
/// this organization (the query filters see to that), what it is called and where its page is.
/// </summary>
public sealed partial class OutcomeSubjects(ParvisDbContext db)
{
    /// <summary>The kinds staff can link today, in the order of the form.</summary>
    public static readonly OutcomeSubjectKind[] Offered =
    [
        OutcomeSubjectKind.Contribution, OutcomeSubjectKind.Proposal, OutcomeSubjectKind.Petition,
        OutcomeSubjectKind.Meeting, OutcomeSubjectKind.Opinion, OutcomeSubjectKind.Consultation,
    ];

    public static string Label(OutcomeSubjectKind kind) => kind switch
    {
        OutcomeSubjectKind.Contribution => "Contribution",
        OutcomeSubjectKind.Proposal => "Proposition",
        OutcomeSubjectKind.Petition => "Pétition",
        OutcomeSubjectKind.Meeting => "Réunion publique",
        OutcomeSubjectKind.Opinion => "Avis de conseil",
        _ => "Concertation",
    };

    public static string UrlOf(OutcomeSubjectKind kind, int id) => kind switch
    {
        OutcomeSubjectKind.Contribution => $"/contributions/{id}",
        OutcomeSubjectKind.Proposal => $"/propositions/{id}",
        OutcomeSubjectKind.Petition => $"/petitions/{id}",
        OutcomeSubjectKind.Meeting => $"/reunions/{id}",
        OutcomeSubjectKind.Opinion => $"/conseils/avis/{id}",
        _ => $"/concertations/{id}",
    };

    /// <summary>Reads a pasted address ("https://…/contributions/123", "/propositions/45") as a kind and a number; null when it is none of ours.</summary>
    public static (OutcomeSubjectKind Kind, int Id)? Parse(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        var m = AddressPattern().Match(address.Trim());
        if (!m.Success || !int.TryParse(m.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0) return null;
        OutcomeSubjectKind? kind = m.Groups["kind"].Value.ToLowerInvariant() switch
        {
            "contributions" => OutcomeSubjectKind.Contribution,
            "concertations" => OutcomeSubjectKind.Consultation,
            "propositions" => OutcomeSubjectKind.Proposal,
            "petitions" => OutcomeSubjectKind.Petition,
            "reunions" => OutcomeSubjectKind.Meeting,
            "conseils/avis" => OutcomeSubjectKind.Opinion,
            _ => null,
        };
        return kind is null ? null : (kind.Value, id);
    }

    /// <summary>Checks that staff may link this item: it exists in this organization and its kind can be linked; returns its view.</summary>
    public async Task<SubjectView> EnsureLinkableAsync(OutcomeSubjectKind kind, int id)
    {
        switch (kind)
        {
            case OutcomeSubjectKind.Contribution:
                var contribution = await db.Contributions.AsNoTracking()
                    .Where(c => c.Id == id && c.State != ModerationState.AwaitingEmail)
                    .Select(c => new { c.Title, c.Body }).FirstOrDefaultAsync()
                    ?? throw DomainException.WithValues("La contribution n° {0} n'existe pas dans cette collectivité.", id);
                return new SubjectView(kind, id, TitleOf(contribution.Title, contribution.Body), UrlOf(kind, id));
            case OutcomeSubjectKind.Consultation:
                var title = await db.Consultations.Where(c => c.Id == id).Select(c => c.Title).FirstOrDefaultAsync()
                    ?? throw DomainException.WithValues("La concertation n° {0} n'existe pas dans cette collectivité.", id);
                return new SubjectView(kind, id, title, UrlOf(kind, id));
            case OutcomeSubjectKind.Proposal:
                var proposal = await db.Proposals.Where(p => p.Id == id && p.State == ModerationState.Published && p.Status != ProposalState.Merged)
                    .Select(p => p.Title).FirstOrDefaultAsync()
                    ?? throw DomainException.WithValues("La proposition n° {0} n'existe pas dans cette collectivité ou n'est pas publiée.", id);
                return new SubjectView(kind, id, proposal, UrlOf(kind, id));
            case OutcomeSubjectKind.Petition:
                // Only a petition the public has seen: a draft or a rejected one led to nothing.
                var petition = await db.Petitions.Where(p => p.Id == id && (p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed))
                    .Select(p => p.Title).FirstOrDefaultAsync()
                    ?? throw DomainException.WithValues("La pétition n° {0} n'existe pas dans cette collectivité ou n'a pas été publiée.", id);
                return new SubjectView(kind, id, petition, UrlOf(kind, id));
            case OutcomeSubjectKind.Opinion:
                var opinion = await db.CouncilOpinions.Where(o => o.Id == id).Select(o => o.Title).FirstOrDefaultAsync()
                    ?? throw DomainException.WithValues("L'avis n° {0} n'existe pas dans cette collectivité.", id);
                return new SubjectView(kind, id, opinion, UrlOf(kind, id));
            default:
                // Only a meeting the public has seen in the agenda.
                var meeting = await db.Meetings.Where(m => m.Id == id && m.PublishedAt != null).Select(m => m.Title).FirstOrDefaultAsync()
                    ?? throw DomainException.WithValues("La rencontre n° {0} n'existe pas dans cette collectivité ou n'a pas été publiée.", id);
                return new SubjectView(kind, id, meeting, UrlOf(kind, id));
        }
    }

    /// <summary>
    /// The views of the linked items that exist and that the public may see (a hidden contribution, a
    /// draft consultation are left out); staff see every item that still exists.
    /// </summary>
    public async Task<Dictionary<(OutcomeSubjectKind, int), SubjectView>> DescribeAsync(IEnumerable<(OutcomeSubjectKind Kind, int Id)> items, bool forStaff)
    {
        var list = items.Distinct().ToList();
        var result = new Dictionary<(OutcomeSubjectKind, int), SubjectView>();
        var contributionIds = list.Where(i => i.Kind == OutcomeSubjectKind.Contribution).Select(i => i.Id).ToList();
        if (contributionIds.Count > 0)
        {
            var contributions = await db.Contributions.AsNoTracking()
                .Where(c => contributionIds.Contains(c.Id) && (c.State == ModerationState.Published || (forStaff && c.State != ModerationState.AwaitingEmail)))
                .Select(c => new { c.Id, c.Title, c.Body }).ToListAsync();
            foreach (var c in contributions)
                result[(OutcomeSubjectKind.Contribution, c.Id)] = new SubjectView(OutcomeSubjectKind.Contribution, c.Id, TitleOf(c.Title, c.Body), UrlOf(OutcomeSubjectKind.Contribution, c.Id));
        }
        var consultationIds = list.Where(i => i.Kind == OutcomeSubjectKind.Consultation).Select(i => i.Id).ToList();
        if (consultationIds.Count > 0)
        {
            var consultations = await db.Consultations.AsNoTracking()
                .Where(c => consultationIds.Contains(c.Id) && (forStaff || c.PublishedAt != null))
                .Select(c => new { c.Id, c.Title }).ToListAsync();
            foreach (var c in consultations)
                result[(OutcomeSubjectKind.Consultation, c.Id)] = new SubjectView(OutcomeSubjectKind.Consultation, c.Id, c.Title, UrlOf(OutcomeSubjectKind.Consultation, c.Id));
        }
        var proposalIds = list.Where(i => i.Kind == OutcomeSubjectKind.Proposal).Select(i => i.Id).ToList();
        if (proposalIds.Count > 0)
        {
            var proposals = await db.Proposals.AsNoTracking()
                .Where(p => proposalIds.Contains(p.Id) && (p.State == ModerationState.Published || forStaff))
                .Select(p => new { p.Id, p.Title }).ToListAsync();
            foreach (var p in proposals)
                result[(OutcomeSubjectKind.Proposal, p.Id)] = new SubjectView(OutcomeSubjectKind.Proposal, p.Id, p.Title, UrlOf(OutcomeSubjectKind.Proposal, p.Id));
        }
        var petitionIds = list.Where(i => i.Kind == OutcomeSubjectKind.Petition).Select(i => i.Id).ToList();
        if (petitionIds.Count > 0)
        {
            var petitions = await db.Petitions.AsNoTracking()
                .Where(p => petitionIds.Contains(p.Id) && (p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed))
                .Select(p => new { p.Id, p.Title }).ToListAsync();
            foreach (var p in petitions)
                result[(OutcomeSubjectKind.Petition, p.Id)] = new SubjectView(OutcomeSubjectKind.Petition, p.Id, p.Title, UrlOf(OutcomeSubjectKind.Petition, p.Id));
        }
        var meetingIds = list.Where(i => i.Kind == OutcomeSubjectKind.Meeting).Select(i => i.Id).ToList();
        if (meetingIds.Count > 0)
        {
            var meetings = await db.Meetings.AsNoTracking()
                .Where(m => meetingIds.Contains(m.Id) && (forStaff || m.PublishedAt != null))
                .Select(m => new { m.Id, m.Title }).ToListAsync();
            foreach (var m in meetings)
                result[(OutcomeSubjectKind.Meeting, m.Id)] = new SubjectView(OutcomeSubjectKind.Meeting, m.Id, m.Title, UrlOf(OutcomeSubjectKind.Meeting, m.Id));
        }
        var opinionIds = list.Where(i => i.Kind == OutcomeSubjectKind.Opinion).Select(i => i.Id).ToList();
        if (opinionIds.Count > 0)
        {
            var opinions = await db.CouncilOpinions.AsNoTracking().Where(o => opinionIds.Contains(o.Id)).Select(o => new { o.Id, o.Title }).ToListAsync();
            foreach (var o in opinions)
                result[(OutcomeSubjectKind.Opinion, o.Id)] = new SubjectView(OutcomeSubjectKind.Opinion, o.Id, o.Title, UrlOf(OutcomeSubjectKind.Opinion, o.Id));
        }
        return result;
    }

    private static string TitleOf(string? title, string body) => string.IsNullOrWhiteSpace(title) ? Excerpt.Of(body, 90) : title;

    // A full address of any host, or a path; the host is not checked: the query filters keep the item in this organization.
    [GeneratedRegex(@"^(?:https?://[^/\s]+)?/(?<kind>contributions|concertations|propositions|petitions|reunions|conseils/avis)/(?<id>\d{1,9})(?:[/?#].*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();
}
