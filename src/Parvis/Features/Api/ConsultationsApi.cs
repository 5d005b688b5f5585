using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Api;

/// <summary>The author as the pages show them: the name the space's display rule gives, and the badges still held.</summary>
public sealed record ApiAuthor(string Name, IReadOnlyList<string> Badges);

public sealed record ApiPhase(string Phase, DateTime StartsAt, DateTime? EndsAt);

public sealed record ApiQuestion(int Id, string Text, int Position);

public sealed record ApiConsultation(int Id, string Title, string Summary, int TerritoryId, string LegalFrame, string CurrentPhase,
    IReadOnlyList<ApiPhase> Phases, IReadOnlyList<ApiQuestion> Questions, DateTime PublishedAt, DateTime? ClosedAt, string Url);

public sealed record ApiReactions(int Agree, int Disagree);

public sealed record ApiContribution(int Id, int ConsultationId, int? QuestionId, int TerritoryId, string? Title, string Body,
    string Channel, ApiAuthor Author, DateTime CreatedAt, ApiReactions Reactions, int CommentCount, bool Answered, string Url);

public sealed record ApiComment(long Id, int ContributionId, long? ParentId, int Depth, string Body, string Stance, ApiAuthor Author,
    DateTime CreatedAt, DateTime? EditedAt);

/// <summary>Consultations, their contributions and comments, read with the pages' own visibility and author rules.</summary>
public sealed class ConsultationsApi(ParvisDbContext db, AuthorDisplay authors, PublicLinks links, TimeProvider clock)
{
    public async Task<ApiPage<ApiConsultation>> ConsultationsAsync(PageRequest page, int? id = null)
    {
        var query = db.Consultations.AsNoTracking().Where(PublicItems.Consultations).Where(c => c.Id > page.AfterId);
        if (id is not null) query = query.Where(c => c.Id == id);
        if (page.UpdatedSince is { } since)
            query = query.Where(c => c.PublishedAt >= since || c.ClosedAt >= since || c.ClosingReportPublishedAt >= since);
        var rows = await query.OrderBy(c => c.Id).Take(page.Limit + 1).Include(c => c.Questions).AsSplitQuery().ToListAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        return page.PageOf(rows.Select(c => new ApiConsultation(c.Id, c.Title, c.Summary, c.TerritoryId, c.LegalFrame.ToString(),
            c.PhaseAt(now).ToString(), PhasesOf(c), c.Questions.OrderBy(q => q.Position).Select(q => new ApiQuestion(q.Id, q.Text, q.Position)).ToList(),
            c.PublishedAt!.Value, c.ClosedAt, links.To($"/concertations/{c.Id}"))).ToList(), c => c.Id);
    }

    private static List<ApiPhase> PhasesOf(Consultation c) =>
    [
        new(nameof(ConsultationPhase.Information), c.InformationStartsAt, c.ContributionsStartAt),
        new(nameof(ConsultationPhase.Contributions), c.ContributionsStartAt, c.SynthesisStartsAt),
        new(nameof(ConsultationPhase.Synthesis), c.SynthesisStartsAt, c.ClosedAt),
    ];

    public async Task<ApiPage<ApiContribution>> ContributionsAsync(PageRequest page, int? consultationId, int? id = null)
    {
        var query = db.Contributions.AsNoTracking().Readable(db.Consultations).Where(c => c.Id > page.AfterId);
        if (consultationId is not null) query = query.Where(c => c.ConsultationId == consultationId);
        if (id is not null) query = query.Where(c => c.Id == id);
        if (page.UpdatedSince is { } since) query = query.Where(c => c.CreatedAt >= since || c.FirstAnsweredAt >= since);
        var rows = await query.OrderBy(c => c.Id).Take(page.Limit + 1).Select(c => new
        {
            c.Id,
            c.ConsultationId,
            c.QuestionId,
            c.TerritoryId,
            c.Title,
            c.Body,
            c.Channel,
            c.AuthorId,
            c.DisplayAs,
            c.OfflineAuthorName,
            c.Badges,
            c.CreatedAt,
            c.AgreeCount,
            c.DisagreeCount,
            c.CommentCount,
            c.FirstAnsweredAt,
        }).ToListAsync();
        var names = await AuthorsAsync(rows.Select(r => (r.ConsultationId, new AuthorSource(r.AuthorId, r.DisplayAs, r.OfflineAuthorName, r.Badges))).ToList());
        return page.PageOf(rows.Select((r, i) => new ApiContribution(r.Id, r.ConsultationId, r.QuestionId, r.TerritoryId, r.Title, r.Body,
            r.Channel.ToString(), names[i], r.CreatedAt, new ApiReactions(r.AgreeCount, r.DisagreeCount), r.CommentCount,
            r.FirstAnsweredAt is not null, links.To($"/contributions/{r.Id}"))).ToList(), c => c.Id);
    }

    /// <summary>
    /// Published comments of public contributions. A reply keeps its parent's id even when that parent is hidden
    /// or deleted (the page keeps the parent's place without its text; here it is absent).
    /// </summary>
    public async Task<ApiPage<ApiComment>> CommentsAsync(PageRequest page, int? contributionId)
    {
        var query = db.Comments.AsNoTracking().Readable(db.Contributions, db.Consultations)
            .Where(c => c.Id > page.AfterId);
        if (contributionId is not null) query = query.Where(c => c.ContributionId == contributionId);
        if (page.UpdatedSince is { } since) query = query.Where(c => c.CreatedAt >= since || c.EditedAt >= since);
        var rows = await query.OrderBy(c => c.Id).Take(page.Limit + 1).Select(c => new
        {
            c.Id,
            c.ContributionId,
            ConsultationId = db.Contributions.Where(x => x.Id == c.ContributionId).Select(x => x.ConsultationId).First(),
            c.ParentId,
            c.Depth,
            c.Body,
            c.Stance,
            c.AuthorId,
            c.CreatedAt,
            c.EditedAt,
        }).ToListAsync();
        // Comments show their authors the space's default way, as on the page.
        var names = await AuthorsAsync(rows.Select(r => (r.ConsultationId, new AuthorSource(r.AuthorId, null, null))).ToList());
        var items = rows.Select((r, i) => new ApiComment(r.Id, r.ContributionId, r.ParentId, r.Depth, r.Body, r.Stance.ToString(), names[i],
            r.CreatedAt, r.EditedAt)).ToList();
        return page.PageOf(items, c => c.Id);
    }

    /// <summary>The authors of items of several consultations, each named by its own consultation's display rule.</summary>
    private async Task<List<ApiAuthor>> AuthorsAsync(List<(int ConsultationId, AuthorSource Source)> items)
    {
        var ids = items.Select(i => i.ConsultationId).Distinct().ToList();
        var rules = await db.Consultations.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Rules);
        var shown = await authors.ForAsync(items.Select(i => (i.Source, rules[i.ConsultationId])).ToList());
        return shown.Select(view => new ApiAuthor(view.Name, view.Badges)).ToList();
    }
}
