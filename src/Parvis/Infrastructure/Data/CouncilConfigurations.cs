using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class CouncilConfiguration : IEntityTypeConfiguration<Council>
{
    public void Configure(EntityTypeBuilder<Council> b)
    {
        b.Property(c => c.Name).HasMaxLength(Council.MaxName);
        b.Property(c => c.DescriptionMarkdown).HasMaxLength(Council.MaxDescription);
        b.HasOne<Territory>().WithMany().HasForeignKey(c => c.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.OrganizationId, c.Name });
    }
}

internal sealed class CouncilCollegeConfiguration : IEntityTypeConfiguration<CouncilCollege>
{
    public void Configure(EntityTypeBuilder<CouncilCollege> b)
    {
        b.Property(c => c.Name).HasMaxLength(CouncilCollege.MaxName);
        b.HasOne<Council>().WithMany().HasForeignKey(c => c.CouncilId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.CouncilId, c.Name }).IsUnique();
    }
}

internal sealed class CouncilAnimatorConfiguration : IEntityTypeConfiguration<CouncilAnimator>
{
    public void Configure(EntityTypeBuilder<CouncilAnimator> b)
    {
        b.HasOne<Council>().WithMany().HasForeignKey(a => a.CouncilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.ParvisUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        // Read by the animation handler on every council page an animator opens.
        b.HasIndex(a => new { a.CouncilId, a.UserId }).IsUnique();
        b.HasIndex(a => a.UserId);
    }
}

internal sealed class CouncilMandateConfiguration : IEntityTypeConfiguration<CouncilMandate>
{
    public void Configure(EntityTypeBuilder<CouncilMandate> b)
    {
        b.Property(m => m.Name).HasMaxLength(CouncilMandate.MaxName);
        b.HasOne<Council>().WithMany().HasForeignKey(m => m.CouncilId).OnDelete(DeleteBehavior.Cascade);
        // A college with mandates, even past ones, cannot go: the public history names it.
        b.HasOne<CouncilCollege>().WithMany().HasForeignKey(m => m.CollegeId).OnDelete(DeleteBehavior.NoAction);
        // An erased account leaves the public name of the mandate.
        b.HasOne<Identity.ParvisUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(m => new { m.CouncilId, m.StartsOn });
    }
}

internal sealed class CouncilCandidacyConfiguration : IEntityTypeConfiguration<CouncilCandidacy>
{
    public void Configure(EntityTypeBuilder<CouncilCandidacy> b)
    {
        b.Property(c => c.Name).HasMaxLength(CouncilMandate.MaxName);
        b.Property(c => c.Motivation).HasMaxLength(CouncilCandidacy.MaxMotivation);
        b.HasOne<Council>().WithMany().HasForeignKey(c => c.CouncilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CouncilCollege>().WithMany().HasForeignKey(c => c.CollegeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.ParvisUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        // One pending candidacy per person and council, decided by the database.
        b.HasIndex(c => new { c.CouncilId, c.UserId }).IsUnique().HasDatabaseName("IX_CouncilCandidacies_Pending")
            .HasFilter("\"Status\" = 'Pending'");
        b.HasIndex(c => c.UserId);
    }
}

internal sealed class CouncilAgendaItemConfiguration : IEntityTypeConfiguration<CouncilAgendaItem>
{
    public void Configure(EntityTypeBuilder<CouncilAgendaItem> b)
    {
        b.Property(i => i.Title).HasMaxLength(CouncilAgendaItem.MaxTitle);
        b.Property(i => i.Body).HasMaxLength(CouncilAgendaItem.MaxBody);
        b.Property(i => i.Reason).HasMaxLength(CouncilAgendaItem.MaxReason);
        b.HasOne<Council>().WithMany().HasForeignKey(i => i.CouncilId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.ParvisUser>().WithMany().HasForeignKey(i => i.AuthorId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(i => new { i.CouncilId, i.Status, i.CreatedAt });
        // "Mes participations" reads the person's items newest first.
        b.HasIndex(i => new { i.AuthorId, i.CreatedAt });
    }
}

internal sealed class CouncilOpinionConfiguration : IEntityTypeConfiguration<CouncilOpinion>
{
    public void Configure(EntityTypeBuilder<CouncilOpinion> b)
    {
        b.Property(o => o.Title).HasMaxLength(CouncilOpinion.MaxTitle);
        b.Property(o => o.TextMarkdown).HasMaxLength(CouncilOpinion.MaxText);
        b.HasOne<Council>().WithMany().HasForeignKey(o => o.CouncilId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => new { o.CouncilId, o.AdoptedOn });
    }
}

internal sealed class CouncilOpinionVoteConfiguration : IEntityTypeConfiguration<CouncilOpinionVote>
{
    public void Configure(EntityTypeBuilder<CouncilOpinionVote> b)
    {
        b.HasOne<CouncilOpinion>().WithMany().HasForeignKey(v => v.OpinionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CouncilMandate>().WithMany().HasForeignKey(v => v.MandateId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(v => new { v.OpinionId, v.MandateId }).IsUnique();
    }
}
