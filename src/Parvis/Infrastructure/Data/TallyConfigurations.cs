using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class TallyEntryConfiguration : IEntityTypeConfiguration<TallyEntry>
{
    public void Configure(EntityTypeBuilder<TallyEntry> b)
    {
        b.Property(e => e.Item).HasMaxLength(TallyEntry.MaxItem);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(e => e.EntryId).HasMaxLength(40);
        b.Property(e => e.Reason).HasMaxLength(TallyEntry.MaxReason);
        b.Property(e => e.Hash).HasMaxLength(64);
        // The sealer updates an entry only while it is unsealed: two sealers at once, one wins.
        b.Property(e => e.Sequence).IsConcurrencyToken();
        b.HasIndex(e => new { e.Item, e.ItemId, e.Sequence }).IsUnique();
        b.HasIndex(e => new { e.OrganizationId, e.EntryId });
        // The sealer's queue: the unsealed entries, in the order they were appended.
        b.HasIndex(e => new { e.Sequence, e.Id });
    }
}

internal sealed class TallySealConfiguration : IEntityTypeConfiguration<TallySeal>
{
    public void Configure(EntityTypeBuilder<TallySeal> b)
    {
        b.Property(s => s.Item).HasMaxLength(TallyEntry.MaxItem);
        b.Property(s => s.Head).HasMaxLength(64);
        b.HasIndex(s => new { s.Item, s.ItemId, s.LastSequence }).IsUnique();
    }
}
