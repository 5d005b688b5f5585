using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Resources;

namespace Parvis.Features.Consultations;

public sealed record ConsultationCard(int Id, string Title, string Summary, string Territory, LegalFrame Frame, ConsultationPhase Phase, DateTime SynthesisStartsAt);

public enum ContributionSort { Recent, Supported, Discussed, Random }

/// <summary>A list's filters and where its page starts: after or before a row (keyset), else page <c>Page</c> (offset, old links).</summary>
public sealed record ContributionFilter(int? TerritoryId, int? QuestionId, bool? Answered, ContributionSort Sort, int Seed, int Page,
    ListCursor? After = null, ListCursor? Before = null);

/// <summary>One page of a list: its rows, the bounded total, the cursors of the pages around it (null: none),
/// and its first row's position when known (first page, or a page asked by number).</summary>
public sealed record ContributionPage(IReadOnlyList<ContributionRow> Rows, int Total, ListCursor? Previous, ListCursor? Next, int? FirstPosition);

public sealed record ContributionRow(int Id, string? Title, string Body, Shared.AuthorView Author, Channel Channel, int? RegisterNumber,
    DateTime CreatedAt, int Agree, int Disagree, int Comments, bool Answered);

/// <summary>Read side shared by the consultation pages.</summary>
public sealed class ConsultationQueries(ParvisDbContext db, TimeProvider clock, Shared.AuthorDisplay authors, TerritoryTrees territories,
    Infrastructure.Web.OrganizationCache cache)
{
    public const int PageSize = 20;
    /// <summary>Lists count their rows up to this many (or a few pages past the one asked); a total above it is shown as "more than".</summary>
    public const int CountLimit = 1_000;

    /// <summary>The deepest a list is counted, so the deepest page one can ask for (offset paging reads the rows it skips).</summary>
    public const int MaxCounted = 10_000;

    /// <summary>How far a list is counted for a page: far enough to link a few pages on, never the whole table.</summary>
    public static int CountLimitFor(int page) => Math.Clamp((Math.Max(page, 1) + 5) * PageSize, CountLimit, MaxCounted);

    private sealed record PublishedRow(int Id, string Title, string Summary, string Territory, LegalFrame Frame, DateTime? PublishedAt,
        DateTime? ClosedAt, DateTime InformationStartsAt, DateTime ContributionsStartAt, DateTime SynthesisStartsAt);

    /// <summary>The published consultations, latest first; the whole organization's list (the home page) comes from memory.</summary>
    public async Task<IReadOnlyList<ConsultationCard>> PublishedAsync(int? territoryId)
    {
        var rows = territoryId is null
            ? await cache.GetAsync("published-consultations", null, () => PublishedRowsAsync(null))
            : await PublishedRowsAsync(await territories.SelfAndDescendantsAsync(territoryId.Value));
        // The phase follows the clock, so it is worked out per request.
        var now = clock.GetUtcNow().UtcDateTime;
        return rows.Select(r => new ConsultationCard(r.Id, r.Title, r.Summary, r.Territory, r.Frame,
            new Consultation { Title = r.Title, PublishedAt = r.PublishedAt, ClosedAt = r.ClosedAt, InformationStartsAt = r.InformationStartsAt, ContributionsStartAt = r.ContributionsStartAt, SynthesisStartsAt = r.SynthesisStartsAt }.PhaseAt(now),
            r.SynthesisStartsAt)).ToList();
    }

    private Task<List<PublishedRow>> PublishedRowsAsync(List<int>? territoryIds)
    {
        var query = db.Consultations.AsNoTracking().Where(PublicItems.Consultations);
        if (territoryIds is not null) query = query.Where(c => territoryIds.Contains(c.TerritoryId));
        return query.OrderByDescending(c => c.ContributionsStartAt)
            .Select(c => new PublishedRow(c.Id, c.Title, c.Summary, c.Territory!.Name, c.LegalFrame, c.PublishedAt, c.ClosedAt,
                c.InformationStartsAt, c.ContributionsStartAt, c.SynthesisStartsAt))
            .Take(200).ToListAsync();
    }

    /// <summary>The organization's territories for a select, indented under their parents.</summary>
    public Task<List<(int Id, string Label)>> TerritoryOptionsAsync() => territories.OptionsAsync();

    public async Task<ContributionPage> ContributionsAsync(Consultation consultation, ContributionFilter filter)
    {
        var query = db.Contributions.AsNoTracking().Where(PublicItems.Contributions)
            .Where(c => c.ConsultationId == consultation.Id);
        if (filter.TerritoryId is not null)
        {
            var ids = await territories.SelfAndDescendantsAsync(filter.TerritoryId.Value);
            // A quartier without sub-territories: equality lets PostgreSQL read the sorted index and stop at
            // the page; "= ANY (array)" would sort every row of the quartier first.
            if (ids.Count == 1)
            {
                var only = ids[0];
                query = query.Where(c => c.TerritoryId == only);
            }
            else query = query.Where(c => ids.Contains(c.TerritoryId));
        }
        if (filter.QuestionId is not null) query = query.Where(c => c.QuestionId == filter.QuestionId);
        if (filter.Answered == true) query = query.Where(c => c.FirstAnsweredAt != null);
        if (filter.Answered == false) query = query.Where(c => c.FirstAnsweredAt == null);
        // A cursor that cannot belong to this order (typed by hand, another sort's) starts the list over.
        var after = filter.After is { } a && ContributionOrder.Fits(filter.Sort, a) ? a : null;
        var before = after is null && filter.Before is { } b && ContributionOrder.Fits(filter.Sort, b) ? b : null;
        var keyset = after is not null || before is not null;
        // Counted up to a bound: past it the page says "more than", and the cost stays that of the bound, not of the table.
        // In an index's order, so PostgreSQL walks that index and stops at the bound: a LIMIT without order may
        // be planned as a sequential scan, which under concurrent scans starts mid-table (synchronized scans).
        var total = await query.OrderByDescending(c => c.CreatedAt).Take(CountLimitFor(keyset ? 1 : filter.Page) + 1).CountAsync();
        var page = keyset ? 1 : Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var ordered = ContributionOrder.Apply(query, filter.Sort, filter.Seed, after ?? before, backward: before is not null);
        // One row more than the page tells whether a page follows (or, read backward, precedes).
        var rows = await (keyset ? ordered : ordered.Skip((page - 1) * PageSize)).Take(PageSize + 1)
            .Select(c => new
            {
                c.Id,
                c.Title,
                c.Body,
                c.Channel,
                c.RegisterNumber,
                c.CreatedAt,
                c.AgreeCount,
                c.DisagreeCount,
                c.CommentCount,
                c.FirstAnsweredAt,
                c.OfflineAuthorName,
                c.AuthorId,
                c.DisplayAs,
                c.Badges,
            }).ToListAsync();
        // Back at the start of the list with less than a page: the first page, whole.
        if (before is not null && rows.Count < PageSize) return await ContributionsAsync(consultation, filter with { Before = null, Page = 1 });
        var more = rows.Count > PageSize;
        if (more) rows.RemoveAt(PageSize);
        if (before is not null) rows.Reverse();
        var shown = await authors.ForAsync(rows.Select(r => new Shared.AuthorSource(r.AuthorId, r.DisplayAs, r.OfflineAuthorName, r.Badges)).ToList(), consultation.Rules);
        ListCursor CursorOf(int i) => new(ContributionOrder.KeyOf(filter.Sort, filter.Seed, rows[i].Id, rows[i].AgreeCount,
            rows[i].CommentCount, rows[i].CreatedAt), rows[i].Id);
        var hasPrevious = before is not null ? more : after is not null || page > 1;
        var hasNext = before is not null || more;
        return new ContributionPage(
            rows.Select((r, i) => new ContributionRow(r.Id, r.Title, r.Body, shown[i], r.Channel, r.RegisterNumber, r.CreatedAt,
                r.AgreeCount, r.DisagreeCount, r.CommentCount, r.FirstAnsweredAt != null)).ToList(),
            total,
            hasPrevious && rows.Count > 0 ? CursorOf(0) : null,
            hasNext && rows.Count > 0 ? CursorOf(rows.Count - 1) : null,
            keyset ? null : (page - 1) * PageSize + 1);
    }
}

/// <summary>French labels of the domain's values; views show them through the localizer (<c>L.Text(Labels.Of(x))</c>).</summary>
public static class Labels
{
    public static string Of(ConsultationPhase phase) => phase switch
    {
        ConsultationPhase.Draft => "Brouillon",
        ConsultationPhase.Upcoming => "À venir",
        ConsultationPhase.Information => "Information",
        ConsultationPhase.Contributions => "Contributions ouvertes",
        ConsultationPhase.Synthesis => "Synthèse en cours",
        _ => "Close",
    };

    public static string Of(ConsultationQuestionKind kind) => kind == ConsultationQuestionKind.Statements
        ? "Énoncés à voter (carte des opinions)" : "Question ouverte";

    public static string Of(LegalFrame frame) => frame switch
    {
        LegalFrame.PriorConcertation => "Concertation préalable (art. L103-2 du code de l'urbanisme)",
        LegalFrame.PublicInquiry => "Enquête publique (code de l'environnement)",
        _ => "Concertation volontaire",
    };

    public static string Of(Channel channel) => channel switch
    {
        Channel.PaperRegister => "registre papier",
        Channel.Meeting => "réunion",
        Channel.Mail => "courrier",
        Channel.Phone => "téléphone",
        Channel.Oral => "oral",
        _ => "en ligne",
    };

    public static string Of(TerritoryKind kind) => kind switch
    {
        TerritoryKind.Agglomeration => "Agglomération",
        TerritoryKind.Commune => "Commune",
        TerritoryKind.Quartier => "Quartier",
        _ => "Autre",
    };

    public static string Of(Stance stance) => stance switch
    {
        Stance.For => "Pour",
        Stance.Against => "Contre",
        _ => "Neutre",
    };

    public static string Of(VerificationMethod method) => method switch
    {
        VerificationMethod.FranceConnect => "FranceConnect",
        VerificationMethod.Census => "Liste de la commune",
        VerificationMethod.InPerson => "Vérification en mairie",
        _ => "Code reçu par courrier",
    };

    public static string Of(DisplayIdentity identity) => identity switch
    {
        DisplayIdentity.PartialName => "Prénom et initiale du nom",
        DisplayIdentity.FullName => "Nom complet",
        DisplayIdentity.Anonymous => "Anonyme",
        _ => "Pseudonyme",
    };

    public static string Of(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Decided => "Décidé",
        OutcomeStatus.InProgress => "En cours",
        OutcomeStatus.Done => "Réalisé",
        _ => "Abandonné",
    };

    public static string Of(ParticipationLevel level) => level switch
    {
        ParticipationLevel.Anyone => "rien : participation anonyme possible",
        ParticipationLevel.AnyoneWithConfirmedEmail => "une adresse e-mail confirmée, sans compte",
        ParticipationLevel.ConfirmedAccount => "un compte confirmé",
        ParticipationLevel.VerifiedResident => "un habitant vérifié du territoire",
        _ => "un électeur vérifié",
    };
}
