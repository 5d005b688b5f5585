using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.PersonalData;

public sealed record ExportProposal(int Id, string Space, string Title, string Body, string? Address, double? Latitude, double? Longitude,
    string Display, string Status, string State, DateTime CreatedAt, int Supports, string Url);

public sealed record ExportSupport(int ProposalId, string Title, DateTime CreatedAt, string Url);

/// <summary>A person's proposals and supports: in their download, and out of the database with their account.</summary>
public static class ProposalPersonalData
{
    public static async Task<(List<ExportProposal> Proposals, List<ExportSupport> Supports)> ExportAsync(ParvisDbContext db, Guid userId)
    {
        var proposals = await db.Proposals.AsNoTracking().Where(p => p.AuthorId == userId).OrderBy(p => p.CreatedAt)
            .Select(p => new { p, Space = p.Space!.Title, Default = p.Space.DisplayIdentity }).ToListAsync();
        var supports = await db.ProposalSupports.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Join(db.Proposals, s => s.ProposalId, p => p.Id, (s, p) => new ExportSupport(p.Id, p.Title, s.CreatedAt, "/propositions/" + p.Id)).ToListAsync();
        return (proposals.Select(x => new ExportProposal(x.p.Id, x.Space, x.p.Title, x.p.Body, x.p.AddressText, x.p.Latitude, x.p.Longitude,
            Consultations.Labels.Of(x.p.DisplayAs ?? x.Default), Proposals.ProposalLabels.Of(x.p.Status), x.p.IsVisible ? "Publiée" : "Non publiée",
            x.p.CreatedAt, x.p.SupportCount, $"/propositions/{x.p.Id}")).ToList(), supports);
    }

    public static Task<List<ExportFlag>> FlagsAsync(ParvisDbContext db, Guid userId) =>
        db.ProposalFlags.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.Id)
            .Select(f => new ExportFlag("proposition", f.ProposalId, f.Reason, f.CreatedAt, f.ResolvedAt)).ToListAsync();

    /// <summary>The account's flags go; an open one no longer counts towards hiding the proposal.</summary>
    public static async Task RemoveFlagsAsync(ParvisDbContext db, Guid userId)
    {
        await db.Proposals.Where(p => p.OpenFlagCount > 0 && db.ProposalFlags.Any(f => f.ProposalId == p.Id && f.UserId == userId && f.ResolvedAt == null))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenFlagCount, p => p.OpenFlagCount - 1));
        await db.ProposalFlags.Where(f => f.UserId == userId).ExecuteDeleteAsync();
    }

    /// <summary>The account's supports go, each proposal's count moved down in the database (one support per person and proposal).</summary>
    public static async Task RemoveSupportsAsync(ParvisDbContext db, Guid userId, DateTime now)
    {
        await Tallies.TallyAppends.SupportsRemovedAsync(db, userId, null, Tallies.TallyAppends.ErasedSupport, now);
        await db.Proposals.Where(p => db.ProposalSupports.Any(s => s.ProposalId == p.Id && s.UserId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SupportCount, p => p.SupportCount - 1));
        await db.ProposalSupports.Where(s => s.UserId == userId).ExecuteDeleteAsync();
    }

    /// <summary>
    /// The account's proposals go with their supports, history, draft answers and photo, except those the
    /// institution has acted on (a published answer, a state change) or that others were merged into: those
    /// are public acts and keep their text, shown as "Participant supprimé". Returns (erased, kept).
    /// </summary>
    public static async Task<(int Erased, int Kept)> EraseProposalsAsync(ParvisDbContext db, Guid userId, List<StoredFile> files)
    {
        var own = await db.Proposals.AsNoTracking().Where(p => p.AuthorId == userId)
            .Select(p => new
            {
                p.Id,
                p.PhotoFileId,
                Kept = p.Status != ProposalState.Published && p.Status != ProposalState.Merged
                    || db.OfficialResponses.Any(r => r.ProposalId == p.Id && r.Status == ResponseStatus.Published)
                    || db.Proposals.Any(m => m.MergedIntoId == p.Id),
            }).ToListAsync();
        var kept = own.Where(p => p.Kept).Select(p => p.Id).ToList();
        var gone = own.Where(p => !p.Kept).Select(p => p.Id).ToList();
        var photos = own.Where(p => !p.Kept && p.PhotoFileId is not null).Select(p => p.PhotoFileId!.Value).ToList();
        files.AddRange(await db.StoredFiles.AsNoTracking().Where(f => photos.Contains(f.Id)).ToListAsync());
        await db.ProposalSupports.Where(s => gone.Contains(s.ProposalId)).ExecuteDeleteAsync();
        await db.ProposalStateChanges.Where(c => gone.Contains(c.ProposalId)).ExecuteDeleteAsync();
        await db.ProposalFlags.Where(f => gone.Contains(f.ProposalId)).ExecuteDeleteAsync();
        await db.OfficialResponses.Where(r => r.ProposalId != null && gone.Contains(r.ProposalId.Value)).ExecuteDeleteAsync();
        await db.Proposals.Where(p => gone.Contains(p.Id)).ExecuteDeleteAsync();
        await db.StoredFiles.Where(f => photos.Contains(f.Id)).ExecuteDeleteAsync();
        await db.Proposals.Where(p => kept.Contains(p.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.AuthorId, (Guid?)null)
            .SetProperty(p => p.Badges, BadgeChoices.None));
        return (gone.Count, kept.Count);
    }
}
