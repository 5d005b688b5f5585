using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class NewsPostConfiguration : IEntityTypeConfiguration<NewsPost>
{
    public void Configure(EntityTypeBuilder<NewsPost> b)
    {
        b.Property(p => p.Title).HasMaxLength(NewsPost.MaxTitle);
        b.Property(p => p.Summary).HasMaxLength(NewsPost.MaxSummary);
        b.Property(p => p.BodyMarkdown).HasMaxLength(NewsPost.MaxBody);
        b.Property(p => p.CoverAltText).HasMaxLength(NewsPost.MaxAltText);
        b.HasOne<Territory>().WithMany().HasForeignKey(p => p.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<StoredFile>().WithMany().HasForeignKey(p => p.CoverFileId).OnDelete(DeleteBehavior.SetNull);
        // The public list and the feeds: public posts by date, of a project, of a territory.
        b.HasIndex(p => new { p.OrganizationId, p.PublishAt });
        b.HasIndex(p => new { p.ProjectId, p.PublishAt });
        b.HasIndex(p => new { p.OrganizationId, p.TerritoryId });
        b.HasIndex(p => p.CoverFileId);
    }
}

internal sealed class NewsPostVersionConfiguration : IEntityTypeConfiguration<NewsPostVersion>
{
    public void Configure(EntityTypeBuilder<NewsPostVersion> b)
    {
        b.Property(v => v.Title).HasMaxLength(NewsPost.MaxTitle);
        b.Property(v => v.Summary).HasMaxLength(NewsPost.MaxSummary);
        b.Property(v => v.BodyMarkdown).HasMaxLength(NewsPost.MaxBody);
        b.HasOne<NewsPost>().WithMany().HasForeignKey(v => v.NewsPostId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.NewsPostId, v.ReplacedAt });
    }
}

internal sealed class NewsCommentConfiguration : IEntityTypeConfiguration<NewsComment>
{
    public void Configure(EntityTypeBuilder<NewsComment> b)
    {
        b.Property(c => c.Body).HasMaxLength(NewsComment.MaxBody);
        b.Property(c => c.ModerationReason).HasMaxLength(1_000);
        b.HasOne<NewsPost>().WithMany().HasForeignKey(c => c.NewsPostId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.NewsPostId, c.State, c.CreatedAt });
        // The moderators' queue: comments waiting, oldest first.
        b.HasIndex(c => new { c.OrganizationId, c.State, c.CreatedAt });
    }
}

internal sealed class HomeBlockConfiguration : IEntityTypeConfiguration<HomeBlock>
{
    public void Configure(EntityTypeBuilder<HomeBlock> b) => b.HasIndex(h => new { h.OrganizationId, h.Kind }).IsUnique();
}
