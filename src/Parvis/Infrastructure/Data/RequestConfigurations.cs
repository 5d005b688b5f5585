using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class RequestCategoryConfiguration : IEntityTypeConfiguration<RequestCategory>
{
    public void Configure(EntityTypeBuilder<RequestCategory> b)
    {
        b.Property(c => c.Code).HasMaxLength(RequestCategory.MaxCode);
        b.Property(c => c.Name).HasMaxLength(RequestCategory.MaxName);
        b.Property(c => c.Group).HasMaxLength(RequestCategory.MaxGroup);
        b.Property(c => c.Description).HasMaxLength(RequestCategory.MaxDescription);
        b.Property(c => c.Keywords).HasMaxLength(RequestCategory.MaxKeywords);
        b.Property(c => c.ServiceName).HasMaxLength(RequestCategory.MaxServiceName);
        b.HasIndex(c => new { c.OrganizationId, c.Code }).IsUnique();
        b.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.CategoryId);
    }
}

internal sealed class CategoryQuestionConfiguration : IEntityTypeConfiguration<CategoryQuestion>
{
    public void Configure(EntityTypeBuilder<CategoryQuestion> b)
    {
        b.Property(q => q.Code).HasMaxLength(CategoryQuestion.MaxCode);
        b.Property(q => q.Prompt).HasMaxLength(CategoryQuestion.MaxPrompt);
        b.Property(q => q.Choices).HasMaxLength(CategoryQuestion.MaxChoices);
        b.HasIndex(q => new { q.CategoryId, q.Code }).IsUnique();
    }
}

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> b)
    {
        b.Property(r => r.ServiceName).HasMaxLength(RequestCategory.MaxServiceName);
        b.Property(r => r.Description).HasMaxLength(ServiceRequest.MaxDescription);
        b.Property(r => r.Address).HasMaxLength(ServiceRequest.MaxAddress);
        b.Property(r => r.ReporterEmail).HasMaxLength(ServiceRequest.MaxEmail);
        b.Property(r => r.ReporterName).HasMaxLength(ServiceRequest.MaxName);
        b.Property(r => r.MediaUrl).HasMaxLength(1_000);
        b.Property(r => r.ApiToken).HasMaxLength(64);
        b.Property(r => r.HiddenReason).HasMaxLength(ServiceRequest.MaxReason);
        // Every change of a request moves UpdatedAt: two changes at once cannot both pass (nor e-mail twice).
        b.Property(r => r.UpdatedAt).IsConcurrencyToken();
        b.HasOne(r => r.Category).WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Territory).WithMany().HasForeignKey(r => r.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(r => r.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.RequestId);
        b.HasMany(r => r.Photos).WithOne().HasForeignKey(p => p.RequestId);
        b.HasMany(r => r.Updates).WithOne().HasForeignKey(u => u.RequestId);
        // Public list and map (newest first), a service's queue (overdue first), Open311 date windows.
        b.HasIndex(r => new { r.OrganizationId, r.SubmittedAt });
        b.HasIndex(r => new { r.OrganizationId, r.ServiceName, r.Status, r.DueAt });
        b.HasIndex(r => new { r.OrganizationId, r.CategoryId, r.Status });
        b.HasIndex(r => r.ApiToken).IsUnique();
        b.HasIndex(r => r.AuthorId);
    }
}

internal sealed class RequestAnswerConfiguration : IEntityTypeConfiguration<RequestAnswer>
{
    public void Configure(EntityTypeBuilder<RequestAnswer> b)
    {
        b.Property(a => a.Value).HasMaxLength(CategoryQuestion.MaxAnswer);
        b.HasOne(a => a.Question).WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.RequestId, a.QuestionId }).IsUnique();
    }
}

internal sealed class RequestPhotoConfiguration : IEntityTypeConfiguration<RequestPhoto>
{
    public void Configure(EntityTypeBuilder<RequestPhoto> b)
    {
        b.HasOne<StoredFile>().WithMany().HasForeignKey(p => p.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.RequestId, p.Position });
    }
}

internal sealed class RequestUpdateConfiguration : IEntityTypeConfiguration<RequestUpdate>
{
    public void Configure(EntityTypeBuilder<RequestUpdate> b)
    {
        b.Property(u => u.PublicText).HasMaxLength(ServiceRequest.MaxReason);
        b.Property(u => u.InternalNote).HasMaxLength(ServiceRequest.MaxReason);
        b.Property(u => u.Signature).HasMaxLength(RequestCategory.MaxServiceName);
        b.Ignore(u => u.IsPublic);
        // mySociety's servicerequestupdates reads updates after a date.
        b.HasIndex(u => new { u.OrganizationId, u.At });
        b.HasIndex(u => new { u.RequestId, u.At });
    }
}

internal sealed class RequestFollowerConfiguration : IEntityTypeConfiguration<RequestFollower>
{
    public void Configure(EntityTypeBuilder<RequestFollower> b)
    {
        b.Property(f => f.Email).HasMaxLength(ServiceRequest.MaxEmail);
        b.HasOne<ServiceRequest>().WithMany().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.RequestId, f.UserId }).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
        b.HasIndex(f => new { f.RequestId, f.Email }).IsUnique().HasFilter("\"Email\" IS NOT NULL");
        b.HasIndex(f => f.UserId);
    }
}

/// <summary>The organization's request settings; existing organizations get the defaults, not zero.</summary>
internal sealed class RequestSettingsConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b) => b.OwnsOne(o => o.Requests, r =>
    {
        r.Property(x => x.PublicRequests).HasDefaultValue(true).HasSentinel(true);
        r.Property(x => x.AskIfFixedAfterDays).HasDefaultValue(28);
        r.Property(x => x.NearbyMetres).HasDefaultValue(250);
    });
}
