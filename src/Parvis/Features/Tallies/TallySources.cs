using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Tallies;

/// <param name="ShownCount">The count the item's page shows.</param>
/// <param name="Rows">The rows behind it (signatures confirmed and valid, supports): the log less its erasures must equal them.</param>
public sealed record TallySubject(string Title, string Url, long ShownCount, long Rows);

/// <summary>
/// A kind of item whose count is logged. Ballots of participatory budgets join with one call:
/// <c>services.AddTallySource&lt;BudgetTallySource&gt;()</c>, and their commands append <see cref="TallyEntry"/> rows.
/// </summary>
public interface ITallySource
{
    /// <summary>The <see cref="TallyEntry.Item"/> of its entries, also in the public page's address.</summary>
    string Item { get; }

    /// <summary>The item as the public sees it, in the current organization; null when it is not public.</summary>
    Task<TallySubject?> FindAsync(int id);
}

public static class TallySetup
{
    public static IServiceCollection AddTallySource<T>(this IServiceCollection services) where T : class, ITallySource =>
        services.AddScoped<ITallySource, T>();

    public static void AddTallies(IServiceCollection services)
    {
        services.AddTallySource<PetitionTallySource>();
        services.AddTallySource<ProposalTallySource>();
        services.AddScoped<TallyVerification>();
        services.AddScoped<TallySealer>();
        services.AddSingleton<Infrastructure.Cluster.IScheduledJob, TallySealJob>();
    }
}

public sealed class PetitionTallySource(ParvisDbContext db) : ITallySource
{
    public string Item => TallyItems.Petition;

    public async Task<TallySubject?> FindAsync(int id)
    {
        var title = await db.Petitions.Where(p => p.Id == id && (p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed))
            .Select(p => p.Title).FirstOrDefaultAsync();
        if (title is null) return null;
        var rows = await db.PetitionSignatures.LongCountAsync(s => s.PetitionId == id && s.ConfirmedAt != null && s.InvalidatedAt == null);
        var shown = await db.PetitionCountShards.Where(s => s.PetitionId == id).SumAsync(s => s.Count);
        return new TallySubject(title, $"/petitions/{id}", shown, rows);
    }
}

public sealed class ProposalTallySource(ParvisDbContext db) : ITallySource
{
    public string Item => TallyItems.Proposal;

    public async Task<TallySubject?> FindAsync(int id)
    {
        var proposal = await db.Proposals.Where(p => p.Id == id && p.State == ModerationState.Published && p.Space!.PublishedAt != null)
            .Select(p => new { p.Title, p.SupportCount }).FirstOrDefaultAsync();
        if (proposal is null) return null;
        var rows = await db.ProposalSupports.LongCountAsync(s => s.ProposalId == id);
        return new TallySubject(proposal.Title, $"/propositions/{id}", proposal.SupportCount, rows);
    }
}
