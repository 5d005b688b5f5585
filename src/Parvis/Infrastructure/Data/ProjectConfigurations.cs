using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(p => p.Title).HasMaxLength(Project.MaxTitle);
        b.Property(p => p.Summary).HasMaxLength(Project.MaxSummary);
        b.Property(p => p.DescriptionMarkdown).HasMaxLength(Project.MaxDescription);
        b.Property(p => p.ServiceName).HasMaxLength(Project.MaxServiceName);
        b.Property(p => p.BudgetEuros).HasPrecision(16, 2);
        b.HasOne<Territory>().WithMany().HasForeignKey(p => p.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        // The public list's filters: published projects of a theme, of a territory.
        b.HasIndex(p => new { p.OrganizationId, p.PublishedAt, p.Theme });
        b.HasIndex(p => new { p.OrganizationId, p.TerritoryId });
    }
}

internal sealed class ProjectPhaseConfiguration : IEntityTypeConfiguration<ProjectPhase>
{
    public void Configure(EntityTypeBuilder<ProjectPhase> b)
    {
        b.Property(p => p.Name).HasMaxLength(ProjectPhase.MaxName);
        b.Property(p => p.Description).HasMaxLength(ProjectPhase.MaxDescription);
        b.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // A project's timeline, and the list's phase filter (phases under way of a kind).
        b.HasIndex(p => new { p.ProjectId, p.StartsOn });
        b.HasIndex(p => new { p.OrganizationId, p.Kind, p.StartsOn });
    }
}

internal sealed class ProjectLinkConfiguration : IEntityTypeConfiguration<ProjectLink>
{
    public void Configure(EntityTypeBuilder<ProjectLink> b)
    {
        b.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.ProjectId, l.Kind, l.SubjectId }).IsUnique();
        // "The projects this item belongs to", read on consultation, meeting, proposal and petition pages.
        b.HasIndex(l => new { l.Kind, l.SubjectId });
    }
}

internal sealed class ProjectFileConfiguration : IEntityTypeConfiguration<ProjectFile>
{
    public void Configure(EntityTypeBuilder<ProjectFile> b)
    {
        b.Property(f => f.AltText).HasMaxLength(ProjectFile.MaxAltText);
        b.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(f => f.FileId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.ProjectId, f.IsPhoto });
        b.HasIndex(f => f.FileId).IsUnique();
    }
}

/// <summary>An outcome's project: a project's page lists its outcomes (the project's removal leaves them without one).</summary>
internal sealed class OutcomeProjectConfiguration : IEntityTypeConfiguration<Outcome>
{
    public void Configure(EntityTypeBuilder<Outcome> b)
    {
        b.HasOne<Project>().WithMany().HasForeignKey(o => o.ProjectId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(o => o.ProjectId);
    }
}
