using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.Property(s => s.Title).HasMaxLength(Survey.MaxTitle);
        b.Property(s => s.IntroMarkdown).HasMaxLength(Survey.MaxIntro);
        b.Property(s => s.ServiceName).HasMaxLength(200);
        b.HasOne<Territory>().WithMany().HasForeignKey(s => s.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(s => new { s.OrganizationId, s.PublishedAt });
        b.HasIndex(s => s.ProjectId);
    }
}

internal sealed class SurveySectionConfiguration : IEntityTypeConfiguration<SurveySection>
{
    public void Configure(EntityTypeBuilder<SurveySection> b)
    {
        b.Property(s => s.Title).HasMaxLength(SurveySection.MaxTitle);
        b.HasOne<Survey>().WithMany().HasForeignKey(s => s.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.SurveyId, s.Position });
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> b)
    {
        b.Property(q => q.Text).HasMaxLength(SurveyQuestion.MaxText);
        b.Property(q => q.Help).HasMaxLength(SurveyQuestion.MaxHelp);
        b.Property(q => q.LowLabel).HasMaxLength(SurveyQuestion.MaxLabel);
        b.Property(q => q.HighLabel).HasMaxLength(SurveyQuestion.MaxLabel);
        b.Property(q => q.ConditionOptionIds).HasMaxLength(400);
        b.HasOne<Survey>().WithMany().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SurveySection>().WithMany().HasForeignKey(q => q.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(q => new { q.SurveyId, q.Position });
        b.HasIndex(q => q.SectionId);
    }
}

internal sealed class SurveyOptionConfiguration : IEntityTypeConfiguration<SurveyOption>
{
    public void Configure(EntityTypeBuilder<SurveyOption> b)
    {
        b.Property(o => o.Text).HasMaxLength(SurveyOption.MaxText);
        b.HasOne<SurveyQuestion>().WithMany().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => new { o.QuestionId, o.Position });
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.Property(r => r.DeviceKey).HasMaxLength(64);
        b.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        // One answer per person, per device, per printed sheet: decided by the database.
        b.HasIndex(r => new { r.SurveyId, r.UserId }).IsUnique().HasFilter(Filter("UserId"));
        b.HasIndex(r => new { r.SurveyId, r.DeviceKey }).IsUnique().HasFilter(Filter("DeviceKey"));
        b.HasIndex(r => new { r.SurveyId, r.SheetNumber }).IsUnique().HasFilter(Filter("SheetNumber"));
        // The respondents of a filtered group, counted from the index.
        b.HasIndex(r => new { r.SurveyId, r.Channel, r.TerritoryId, r.AgeBracket });
    }

    // The quoting both providers accept (SQLite reads PostgreSQL's double quotes).
    internal static string Filter(string column) => $"\"{column}\" IS NOT NULL";
}

internal sealed class SurveyAnswerChoiceConfiguration : IEntityTypeConfiguration<SurveyAnswerChoice>
{
    public void Configure(EntityTypeBuilder<SurveyAnswerChoice> b)
    {
        b.HasOne<SurveyResponse>().WithMany().HasForeignKey(c => c.ResponseId).OnDelete(DeleteBehavior.Cascade);
        // The results: one GROUP BY over this covering index, filters included, without reading the table.
        b.HasIndex(c => new { c.SurveyId, c.QuestionId, c.OptionId, c.RowOptionId, c.Value, c.Channel, c.TerritoryId, c.AgeBracket })
            .HasDatabaseName("IX_SurveyAnswerChoices_Results");
        b.HasIndex(c => c.ResponseId);
    }
}

internal sealed class SurveyTallyConfiguration : IEntityTypeConfiguration<SurveyTally>
{
    public void Configure(EntityTypeBuilder<SurveyTally> b)
    {
        b.HasKey(t => new { t.SurveyId, t.QuestionId, t.OptionId, t.RowOptionId, t.Value, t.Channel, t.Shard });
        b.HasOne<Survey>().WithMany().HasForeignKey(t => t.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyTextAnswerConfiguration : IEntityTypeConfiguration<SurveyTextAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyTextAnswer> b)
    {
        b.Property(t => t.Text).HasMaxLength(SurveyTextAnswer.MaxLong);
        b.HasOne<SurveyResponse>().WithMany().HasForeignKey(t => t.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.SurveyId, t.QuestionId, t.Id });
        b.HasIndex(t => t.ResponseId);
    }
}
