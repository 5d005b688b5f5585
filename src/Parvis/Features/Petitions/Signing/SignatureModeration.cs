using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions.Signing;

public enum SourceKind { IpAddress, EmailDomain }

/// <param name="Share">Of the petition's signatures in the period, 0 to 1.</param>
/// <param name="PerMinute">The source's signatures per minute over the period; <see cref="TrendingPeriod.PerMinute"/> is the petition's.</param>
public sealed record TrendingSource(SourceKind Kind, string Value, int Count, double Share, double PerMinute, bool Unusual);

public sealed record TrendingPeriod(string Key, TimeSpan Length, int Total, double PerMinute, List<TrendingSource> Addresses, List<TrendingSource> Domains);

/// <summary>
/// What the UK petitions site learned to watch: where a petition's signatures come from, and a way to take out
/// a scripted run in one go. A source is unusual when it brought at least <see cref="UnusualMinimum"/> signatures
/// in the period and more than <see cref="UnusualAddressShare"/> of them (one address) or <see cref="UnusualDomainShare"/>
/// (one e-mail domain other than the big webmail ones, where real waves of citizens land): it signs that many
/// times faster than an ordinary source.
/// </summary>
public sealed class SignatureModeration(ParvisDbContext db, AuditLog audit, PetitionCounts counts, SigningLimits limits, TimeProvider clock)
{
    public const int UnusualMinimum = 10;
    public const double UnusualAddressShare = 0.05;
    public const double UnusualDomainShare = 0.20;
    public const int SourcesShown = 15;
    public static readonly IReadOnlyDictionary<string, TimeSpan> Periods = new Dictionary<string, TimeSpan>
    {
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromHours(24),
    };

    public async Task<TrendingPeriod> TrendingAsync(int petitionId, string periodKey)
    {
        var length = Periods[periodKey];
        var since = clock.GetUtcNow().UtcDateTime - length;
        var recent = db.PetitionSignatures.AsNoTracking().Where(s => s.PetitionId == petitionId && s.CreatedAt >= since && s.InvalidatedAt == null);
        var total = await recent.CountAsync();
        var minutes = length.TotalMinutes;
        var addresses = await recent.GroupBy(s => s.IpAddress).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(SourcesShown).ToListAsync();
        var domains = await recent.GroupBy(s => s.EmailDomain).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(SourcesShown).ToListAsync();
        TrendingSource Source(SourceKind kind, string value, int count)
        {
            var share = total == 0 ? 0 : (double)count / total;
            var threshold = kind == SourceKind.IpAddress ? UnusualAddressShare : UnusualDomainShare;
            var unusual = count >= UnusualMinimum && share > threshold && !(kind == SourceKind.EmailDomain && limits.IsExempt(value));
            return new TrendingSource(kind, value, count, share, count / minutes, unusual);
        }
        return new TrendingPeriod(periodKey, length, total, total / minutes,
            addresses.Select(a => Source(SourceKind.IpAddress, a.Key, a.Count)).ToList(),
            domains.Select(d => Source(SourceKind.EmailDomain, d.Key, d.Count)).ToList());
    }

    /// <summary>
    /// Invalidates every signature of one address or domain on the petition in the period, in one transaction:
    /// the confirmed ones leave the count, the electors' quarters are freed, one audit entry says how many.
    /// </summary>
    public async Task<(int Confirmed, int Pending)> InvalidateAsync(int petitionId, SourceKind kind, string? value, string periodKey, string? reason)
    {
        if (string.IsNullOrWhiteSpace(value) || !Periods.TryGetValue(periodKey, out var length)) throw new DomainException("Choisissez une source et une période.");
        var cleanReason = reason?.Trim() ?? "";
        if (cleanReason.Length == 0) throw new DomainException("Indiquez le motif de l'annulation : il figure au journal.");
        if (cleanReason.Length > PetitionSignature.MaxReason)
            throw DomainException.WithValues("Le motif ne peut pas dépasser {0} caractères.", PetitionSignature.MaxReason);
        if (!await db.Petitions.AnyAsync(p => p.Id == petitionId)) throw new DomainException("Cette pétition n'existe pas.");
        // To the millisecond: the log's entries find the rows by this exact time, as each database stores it.
        var clockNow = clock.GetUtcNow().UtcDateTime;
        var now = clockNow.AddTicks(-(clockNow.Ticks % TimeSpan.TicksPerMillisecond));
        var since = now - length;
        var source = value.Trim();
        var matching = db.PetitionSignatures.Where(s => s.PetitionId == petitionId && s.InvalidatedAt == null && s.CreatedAt >= since
            && (kind == SourceKind.IpAddress ? s.IpAddress == source : s.EmailDomain == source));
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Confirmed and pending apart, so that the count loses exactly the confirmed ones, even if one is confirmed meanwhile.
        var confirmed = await matching.Where(s => s.ConfirmedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvalidatedAt, now).SetProperty(x => x.InvalidationReason, cleanReason));
        // The public log says which entries left the count and why: the rows this transaction just invalidated.
        await Tallies.TallyAppends.SignaturesInvalidatedAsync(db, petitionId, now, cleanReason);
        var pending = await matching.Where(s => s.ConfirmedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvalidatedAt, now).SetProperty(x => x.InvalidationReason, cleanReason));
        // An invalidated signature does not use up its elector's quarter.
        await db.ElectorQuarterSignatures.Where(q => q.PetitionId == petitionId && q.Signature!.InvalidatedAt != null).ExecuteDeleteAsync();
        if (confirmed > 0) await counts.AddAsync(petitionId, -confirmed);
        audit.Record("petition.signatures-invalidated", nameof(Petition), petitionId, string.Create(CultureInfo.InvariantCulture,
            $"{(kind == SourceKind.IpAddress ? "adresse IP" : "domaine")} {source}, {periodKey} : {confirmed} confirmées et {pending} en attente annulées. Motif : {cleanReason}"));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (confirmed, pending);
    }
}
