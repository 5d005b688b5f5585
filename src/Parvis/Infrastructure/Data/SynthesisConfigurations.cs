using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class ContributionGroupingConfiguration : IEntityTypeConfiguration<ContributionGrouping>
{
    public void Configure(EntityTypeBuilder<ContributionGrouping> b)
    {
        b.HasIndex(g => g.ConsultationId).IsUnique();
        b.HasOne<Consultation>().WithMany().HasForeignKey(g => g.ConsultationId);
    }
}

internal sealed class SynthesisThemeConfiguration : IEntityTypeConfiguration<SynthesisTheme>
{
    public void Configure(EntityTypeBuilder<SynthesisTheme> b)
    {
        b.Property(t => t.Name).HasMaxLength(SynthesisTheme.MaxName);
        b.HasIndex(t => new { t.ConsultationId, t.Name }).IsUnique();
        b.HasOne<Consultation>().WithMany().HasForeignKey(t => t.ConsultationId);
    }
}

internal sealed class ThemeContributionConfiguration : IEntityTypeConfiguration<ThemeContribution>
{
    public void Configure(EntityTypeBuilder<ThemeContribution> b)
    {
        // A contribution is in one theme at most: moving it changes its row, the database refuses a second one.
        b.HasIndex(t => t.ContributionId).IsUnique();
        b.HasIndex(t => t.ThemeId);
        b.HasOne(t => t.Theme).WithMany().HasForeignKey(t => t.ThemeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contribution>().WithMany().HasForeignKey(t => t.ContributionId);
    }
}
