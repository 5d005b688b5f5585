using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class OutcomeConfiguration : IEntityTypeConfiguration<Outcome>
{
    public void Configure(EntityTypeBuilder<Outcome> b)
    {
        b.Property(o => o.Title).HasMaxLength(Outcome.MaxTitle);
        b.Property(o => o.DescriptionMarkdown).HasMaxLength(Outcome.MaxDescription);
        b.Property(o => o.ServiceName).HasMaxLength(Outcome.MaxServiceName);
        b.Property(o => o.BudgetEuros).HasPrecision(16, 2);
        b.HasOne<Territory>().WithMany().HasForeignKey(o => o.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.OrganizationId, o.PublishedAt, o.TerritoryId });
    }
}

internal sealed class OutcomeLinkConfiguration : IEntityTypeConfiguration<OutcomeLink>
{
    public void Configure(EntityTypeBuilder<OutcomeLink> b)
    {
        b.HasOne<Outcome>().WithMany().HasForeignKey(l => l.OutcomeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => new { l.OutcomeId, l.Kind, l.SubjectId }).IsUnique();
        // "The outcomes this item fed", read on every contribution, proposal and petition page.
        b.HasIndex(l => new { l.Kind, l.SubjectId });
    }
}

/// <summary>The organization's response deadline, kept beside the outcome model that reads it (existing rows get the default).</summary>
internal sealed class OrganizationDeadlineConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b) =>
        b.Property(o => o.ResponseDeadlineDays).HasDefaultValue(Organization.DefaultResponseDeadlineDays);
}

/// <summary>The overdue list: contributions still waiting for their official response, oldest first; a small part of a large table.</summary>
internal sealed class ContributionAwaitingAnswerConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> b) =>
        b.HasIndex(c => new { c.OrganizationId, c.CreatedAt }).HasDatabaseName("IX_Contributions_AwaitingAnswer")
            .HasFilter("\"FirstAnsweredAt\" IS NULL AND \"State\" = 'Published'");
}

/// <summary>
/// Seconds since 1970 of a stored time, in SQL, so that durations (an answer's delay) can be sorted and
/// compared in the database on both providers: <c>unixepoch(t, 'subsec')</c> on SQLite,
/// <c>date_part('epoch', t)</c> on PostgreSQL.
/// </summary>
public static class SqlTime
{
    public static double? Seconds(DateTime? time) =>
        throw new InvalidOperationException("SqlTime.Seconds is translated to SQL; it cannot run in memory.");

    internal static void Register(ModelBuilder builder, string? provider)
    {
        var postgres = provider?.Contains("Npgsql", StringComparison.Ordinal) == true;
        builder.HasDbFunction(typeof(SqlTime).GetMethod(nameof(Seconds))!)
            .HasStoreType(postgres ? "double precision" : "REAL")
            .HasTranslation(args => new SqlFunctionExpression(
                postgres ? "date_part" : "unixepoch",
                postgres ? [new SqlFragmentExpression("'epoch'"), args[0]] : [args[0], new SqlFragmentExpression("'subsec'")],
                nullable: true,
                argumentsPropagateNullability: postgres ? [false, true] : [true, false],
                typeof(double),
                null));
    }
}
