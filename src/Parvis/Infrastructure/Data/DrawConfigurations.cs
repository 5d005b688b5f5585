using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class DrawConfiguration : IEntityTypeConfiguration<Draw>
{
    public void Configure(EntityTypeBuilder<Draw> b)
    {
        b.Property(d => d.Title).HasMaxLength(Draw.MaxTitle);
        b.Property(d => d.Features).HasMaxLength(4000);
        b.HasIndex(d => new { d.OrganizationId, d.CreatedAt });
    }
}

internal sealed class DrawPersonConfiguration : IEntityTypeConfiguration<DrawPerson>
{
    public void Configure(EntityTypeBuilder<DrawPerson> b)
    {
        b.Property(p => p.Code).HasMaxLength(12);
        b.Property(p => p.Name).HasMaxLength(DrawPerson.MaxName);
        b.Property(p => p.Values).HasMaxLength(4000);
        b.Property(p => p.Household).HasMaxLength(12);
        b.HasOne<Draw>().WithMany().HasForeignKey(p => p.DrawId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.DrawId, p.Code }).IsUnique();
    }
}

internal sealed class DrawQuotaConfiguration : IEntityTypeConfiguration<DrawQuota>
{
    public void Configure(EntityTypeBuilder<DrawQuota> b)
    {
        b.Property(q => q.Feature).HasMaxLength(DrawPerson.MaxValue);
        b.Property(q => q.Value).HasMaxLength(DrawPerson.MaxValue);
        b.HasOne<Draw>().WithMany().HasForeignKey(q => q.DrawId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(q => new { q.DrawId, q.Feature, q.Value }).IsUnique();
    }
}

internal sealed class DrawRoundConfiguration : IEntityTypeConfiguration<DrawRound>
{
    public void Configure(EntityTypeBuilder<DrawRound> b)
    {
        b.Property(r => r.AlgorithmVersion).HasMaxLength(40);
        b.Property(r => r.Commitment).HasMaxLength(64);
        b.Property(r => r.Seed).HasMaxLength(200);
        b.HasOne<Draw>().WithMany().HasForeignKey(r => r.DrawId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.DrawId, r.Number }).IsUnique();
    }
}
