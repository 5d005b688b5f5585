using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;
using Parvis.Infrastructure.Identity;

namespace Parvis.Infrastructure.Data;

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> b)
    {
        b.Property(x => x.Title).HasMaxLength(Budget.MaxTitle);
        b.Property(x => x.DescriptionMarkdown).HasMaxLength(Budget.MaxDescription);
        b.Property(x => x.ServiceName).HasMaxLength(200);
        b.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrganizationId, x.PublishedAt });
    }
}

internal sealed class BudgetProjectConfiguration : IEntityTypeConfiguration<BudgetProject>
{
    public void Configure(EntityTypeBuilder<BudgetProject> b)
    {
        b.Property(x => x.Title).HasMaxLength(BudgetProject.MaxTitle);
        b.Property(x => x.DescriptionMarkdown).HasMaxLength(BudgetProject.MaxDescription);
        b.Property(x => x.FeasibilityReason).HasMaxLength(BudgetProject.MaxReason);
        b.HasOne<Budget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Territory>().WithMany().HasForeignKey(x => x.TerritoryId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Proposal>().WithMany().HasForeignKey(x => x.SourceProposalId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.BudgetId);
    }
}

internal sealed class BudgetBallotConfiguration : IEntityTypeConfiguration<BudgetBallot>
{
    public void Configure(EntityTypeBuilder<BudgetBallot> b)
    {
        b.HasOne<Budget>().WithMany().HasForeignKey(x => x.BudgetId).OnDelete(DeleteBehavior.Cascade);
        // A deleted account's ballot still counts, without its voter.
        b.HasOne<ParvisUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        // One ballot per person and budget: decided by the database.
        b.HasIndex(x => new { x.BudgetId, x.UserId }).IsUnique().HasFilter(SurveyResponseConfiguration.Filter("UserId"));
    }
}

internal sealed class BudgetBallotChoiceConfiguration : IEntityTypeConfiguration<BudgetBallotChoice>
{
    public void Configure(EntityTypeBuilder<BudgetBallotChoice> b)
    {
        b.HasOne<BudgetBallot>().WithMany().HasForeignKey(x => x.BallotId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<BudgetProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.BallotId, x.ProjectId }).IsUnique();
        // The count reads a budget's choices in one pass.
        b.HasIndex(x => new { x.BudgetId, x.BallotId });
        b.HasIndex(x => x.ProjectId);
    }
}
