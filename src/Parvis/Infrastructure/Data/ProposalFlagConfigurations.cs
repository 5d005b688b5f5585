using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class ProposalFlagConfiguration : IEntityTypeConfiguration<ProposalFlag>
{
    public void Configure(EntityTypeBuilder<ProposalFlag> b)
    {
        b.Property(f => f.Reason).HasMaxLength(Flag.MaxReason);
        // One flag per person and proposal, whatever the number of clicks at once.
        b.HasIndex(f => new { f.ProposalId, f.UserId }).IsUnique();
        b.HasIndex(f => f.UserId);
        b.HasOne<Proposal>().WithMany().HasForeignKey(f => f.ProposalId);
    }
}

/// <summary>The proposals' moderation queue (waiting, hidden or flagged): a few rows among many, read from a partial index.</summary>
internal sealed class ProposalModerationQueueConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> b) =>
        b.HasIndex(p => new { p.OrganizationId, p.OpenFlagCount, p.CreatedAt }).HasDatabaseName("IX_Proposals_ModerationQueue")
            .HasFilter("\"State\" <> 'Published' OR \"OpenFlagCount\" > 0");
}
