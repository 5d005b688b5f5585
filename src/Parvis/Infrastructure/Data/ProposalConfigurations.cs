using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class ProposalSpaceConfiguration : IEntityTypeConfiguration<ProposalSpace>
{
    public void Configure(EntityTypeBuilder<ProposalSpace> b)
    {
        b.Property(s => s.Title).HasMaxLength(ProposalSpace.MaxTitle);
        b.Property(s => s.DescriptionMarkdown).HasMaxLength(ProposalSpace.MaxDescription);
        b.Property(s => s.ThresholdCommitment).HasMaxLength(ProposalSpace.MaxCommitment);
        b.Property(s => s.ServiceName).HasMaxLength(200);
        b.Property(s => s.AllowedDisplays).HasMaxLength(100);
        b.HasOne(s => s.Territory).WithMany().HasForeignKey(s => s.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Categories).WithOne().HasForeignKey(c => c.SpaceId);
    }
}

internal sealed class ProposalCategoryConfiguration : IEntityTypeConfiguration<ProposalCategory>
{
    public void Configure(EntityTypeBuilder<ProposalCategory> b)
    {
        b.Property(c => c.Name).HasMaxLength(ProposalCategory.MaxName);
        b.HasIndex(c => new { c.SpaceId, c.Position });
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> b)
    {
        b.Property(p => p.Title).HasMaxLength(Proposal.MaxTitle);
        b.Property(p => p.Body).HasMaxLength(Proposal.MaxBody);
        b.Property(p => p.StateReason).HasMaxLength(Proposal.MaxReason);
        b.Property(p => p.AddressText).HasMaxLength(Proposal.MaxAddress);
        b.Property(p => p.PhotoAltText).HasMaxLength(Proposal.MaxAltText);
        b.Property(p => p.SearchTerms).HasMaxLength(Proposal.MaxSearchTerms);
        b.Property(p => p.Badges).HasMaxLength(100);
        b.Property(p => p.ModerationReason).HasMaxLength(1000);
        b.HasOne(p => p.Space).WithMany().HasForeignKey(p => p.SpaceId);
        b.HasOne<ProposalCategory>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Territory>().WithMany().HasForeignKey(p => p.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Proposal>().WithMany().HasForeignKey(p => p.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        // One index per list order, each starting with the space and visibility: a page is a range scan.
        b.HasIndex(p => new { p.SpaceId, p.State, p.SupportCount, p.Id });
        b.HasIndex(p => new { p.SpaceId, p.State, p.Id });
        b.HasIndex(p => new { p.OrganizationId, p.State, p.CreatedAt });
        b.HasIndex(p => p.AuthorId);
        b.HasIndex(p => p.PhotoFileId);
    }
}

internal sealed class ProposalSupportConfiguration : IEntityTypeConfiguration<ProposalSupport>
{
    public void Configure(EntityTypeBuilder<ProposalSupport> b)
    {
        b.HasIndex(s => new { s.ProposalId, s.UserId }).IsUnique();
        b.HasIndex(s => s.UserId);
        b.Property(s => s.TallyId).HasMaxLength(40);
        b.HasOne<Proposal>().WithMany().HasForeignKey(s => s.ProposalId);
    }
}

internal sealed class ProposalStateChangeConfiguration : IEntityTypeConfiguration<ProposalStateChange>
{
    public void Configure(EntityTypeBuilder<ProposalStateChange> b)
    {
        b.Property(c => c.Reason).HasMaxLength(Proposal.MaxReason);
        b.HasIndex(c => new { c.ProposalId, c.At });
        b.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId);
    }
}
