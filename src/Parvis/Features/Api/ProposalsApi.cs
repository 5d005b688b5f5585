using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Petitions;
using Parvis.Features.Proposals;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Api;

public sealed record ApiProposal(int Id, int SpaceId, string Title, string Body, int TerritoryId, int? CategoryId, string Status,
    int SupportCount, double? Latitude, double? Longitude, ApiAuthor Author, DateTime CreatedAt, string Url);

public sealed record ApiPetition(int Id, string Title, string Request, string Reasons, string Addressee, int TerritoryId, string Status,
    long SignatureCount, int ResponseThreshold, int? AgendaThreshold, DateTime? PublishedAt, DateTime? ClosesAt, DateTime? ClosedAt,
    DateTime? FirstAnsweredAt, string Url);

/// <summary>Proposals and petitions, read with the pages' own visibility rules and counts.</summary>
public sealed class ProposalsApi(ParvisDbContext db, AuthorDisplay authors, PetitionCounts counts, PublicLinks links)
{
    public async Task<ApiPage<ApiProposal>> ProposalsAsync(PageRequest page, int? spaceId, int? id = null)
    {
        var query = db.Proposals.AsNoTracking().Readable(db.ProposalSpaces).Where(p => p.Id > page.AfterId);
        if (spaceId is not null) query = query.Where(p => p.SpaceId == spaceId);
        if (id is not null) query = query.Where(p => p.Id == id);
        if (page.UpdatedSince is { } since)
        {
            var changed = db.ProposalStateChanges.Where(c => c.At >= since);
            query = query.Where(p => p.CreatedAt >= since || changed.Any(c => c.ProposalId == p.Id));
        }
        var rows = await query.OrderBy(p => p.Id).Take(page.Limit + 1).Select(p => new
        {
            p.Id,
            p.SpaceId,
            p.Title,
            p.Body,
            p.TerritoryId,
            p.CategoryId,
            p.Status,
            p.SupportCount,
            p.Latitude,
            p.Longitude,
            p.AuthorId,
            p.DisplayAs,
            p.Badges,
            p.CreatedAt,
        }).ToListAsync();
        var ids = rows.Select(r => r.SpaceId).Distinct().ToList();
        var rules = await db.ProposalSpaces.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayRules);
        var shown = await authors.ForAsync(rows
            .Select(r => (ProposalQueries.AuthorOf(r.AuthorId, r.DisplayAs, r.Badges), rules[r.SpaceId])).ToList());
        var names = shown.Select(view => new ApiAuthor(view.Name, view.Badges)).ToList();
        return page.PageOf(rows.Select((r, i) => new ApiProposal(r.Id, r.SpaceId, r.Title, r.Body, r.TerritoryId, r.CategoryId, r.Status.ToString(),
            r.SupportCount, r.Latitude, r.Longitude, names[i], r.CreatedAt, links.To($"/propositions/{r.Id}"))).ToList(), p => p.Id);
    }

    public async Task<ApiPage<ApiPetition>> PetitionsAsync(PageRequest page, int? id = null)
    {
        var query = db.Petitions.AsNoTracking().Where(PublicItems.Petitions).Where(p => p.Id > page.AfterId);
        if (id is not null) query = query.Where(p => p.Id == id);
        if (page.UpdatedSince is { } since)
            query = query.Where(p => p.PublishedAt >= since || p.ClosedAt >= since || p.FirstAnsweredAt >= since
                || p.ResponseThresholdReachedAt >= since || p.AgendaThresholdReachedAt >= since || p.CouncilDecisionAt >= since);
        var rows = await query.OrderBy(p => p.Id).Take(page.Limit + 1).ToListAsync();
        var numbers = await counts.CountsAsync(rows.Select(p => p.Id));
        return page.PageOf(rows.Select(p => new ApiPetition(p.Id, p.Title, p.Request, p.Reasons, p.Addressee, p.TerritoryId, p.Status.ToString(),
            numbers[p.Id], p.ResponseThreshold, p.AgendaThreshold, p.PublishedAt, p.ClosesAt, p.ClosedAt, p.FirstAnsweredAt,
            links.To($"/petitions/{p.Id}"))).ToList(), p => p.Id);
    }
}
