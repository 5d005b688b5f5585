using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;
using Parvis.Infrastructure.Email;

namespace Parvis.Infrastructure.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.Property(o => o.PrimaryColor).HasMaxLength(7);
        b.Property(o => o.TimeZoneId).HasMaxLength(64);
        b.Property(o => o.ContactEmail).HasMaxLength(256);
        b.HasMany(o => o.Hosts).WithOne().HasForeignKey(h => h.OrganizationId);
        b.OwnsOne(o => o.Identity, i =>
        {
            i.Property(x => x.EnabledMethods).HasMaxLength(100);
            i.Property(x => x.OidcIssuer).HasMaxLength(300);
            i.Property(x => x.OidcClientId).HasMaxLength(200);
            i.Property(x => x.OidcClientSecretProtected).HasMaxLength(2000);
            i.Property(x => x.OidcDisplayName).HasMaxLength(60);
            i.Property(x => x.CensusSalt).HasMaxLength(100);
        });
        // Existing organizations get the defaults, not zero (which would anonymise every account at once).
        b.OwnsOne(o => o.Retention, r =>
        {
            r.Property(x => x.InactiveAccountMonths).HasDefaultValue(36);
            r.Property(x => x.FraudIpDays).HasDefaultValue(30);
            r.Property(x => x.AnonymousEmailDays).HasDefaultValue(30);
        });
        b.OwnsOne(o => o.Legal, l =>
        {
            l.Property(x => x.AuditedBy).HasMaxLength(LegalPages.MaxLine);
            l.Property(x => x.AccessibilityContact).HasMaxLength(LegalPages.MaxLine);
            l.Property(x => x.NonCompliancesMarkdown).HasMaxLength(LegalPages.MaxText);
            l.Property(x => x.DerogationsMarkdown).HasMaxLength(LegalPages.MaxText);
            l.Property(x => x.Publisher).HasMaxLength(LegalPages.MaxLine * 3);
            l.Property(x => x.PublicationDirector).HasMaxLength(LegalPages.MaxLine);
            l.Property(x => x.Host).HasMaxLength(LegalPages.MaxLine * 3);
            l.Property(x => x.LegalNoticeMarkdown).HasMaxLength(LegalPages.MaxText);
        });
    }
}

internal sealed class VerificationConfiguration : IEntityTypeConfiguration<Verification>
{
    public void Configure(EntityTypeBuilder<Verification> b)
    {
        b.Property(v => v.Issuer).HasMaxLength(300);
        b.Property(v => v.RevokedReason).HasMaxLength(Verification.MaxReason);
        b.Property(v => v.DocumentType).HasMaxLength(80);
        b.Property(v => v.VerifiedName).HasMaxLength(Verification.MaxName);
        b.HasIndex(v => new { v.OrganizationId, v.UserId });
        b.HasIndex(v => new { v.OrganizationId, v.CensusFileId });
    }
}

internal sealed class CensusFileConfiguration : IEntityTypeConfiguration<CensusFile>
{
    public void Configure(EntityTypeBuilder<CensusFile> b) => b.Property(f => f.FileName).HasMaxLength(260);
}

internal sealed class CensusEntryConfiguration : IEntityTypeConfiguration<CensusEntry>
{
    public void Configure(EntityTypeBuilder<CensusEntry> b)
    {
        b.Property(e => e.Hash).HasMaxLength(64);
        b.HasIndex(e => new { e.OrganizationId, e.Hash });
        b.HasIndex(e => e.CensusFileId);
    }
}

internal sealed class PostalLetterRequestConfiguration : IEntityTypeConfiguration<PostalLetterRequest>
{
    public void Configure(EntityTypeBuilder<PostalLetterRequest> b)
    {
        b.Property(r => r.RecipientName).HasMaxLength(PostalLetterRequest.MaxName);
        b.Property(r => r.AddressLine1).HasMaxLength(PostalLetterRequest.MaxLine);
        b.Property(r => r.AddressLine2).HasMaxLength(PostalLetterRequest.MaxLine);
        b.Property(r => r.PostalCode).HasMaxLength(5);
        b.Property(r => r.City).HasMaxLength(PostalLetterRequest.MaxName);
        b.Property(r => r.CodeSalt).HasMaxLength(40);
        b.Property(r => r.CodeHash).HasMaxLength(64);
        b.Property(r => r.CodeProtected).HasMaxLength(1000);
        b.HasIndex(r => new { r.OrganizationId, r.UserId });
        b.HasIndex(r => new { r.OrganizationId, r.PrintedAt });
    }
}

internal sealed class OrganizationHostConfiguration : IEntityTypeConfiguration<OrganizationHost>
{
    public void Configure(EntityTypeBuilder<OrganizationHost> b)
    {
        b.Property(h => h.HostName).HasMaxLength(253);
        b.HasIndex(h => h.HostName).IsUnique();
    }
}

internal sealed class TerritoryConfiguration : IEntityTypeConfiguration<Territory>
{
    public void Configure(EntityTypeBuilder<Territory> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.HasOne(t => t.Parent).WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.OrganizationId, t.ParentId });
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.Property(r => r.ServiceName).HasMaxLength(200);
        b.HasIndex(r => new { r.OrganizationId, r.UserId, r.Role }).IsUnique();
    }
}

internal sealed class RateLimitEventConfiguration : IEntityTypeConfiguration<RateLimitEvent>
{
    public void Configure(EntityTypeBuilder<RateLimitEvent> b)
    {
        b.Property(e => e.Limit).HasMaxLength(40);
        b.Property(e => e.IpAddress).HasMaxLength(64);
        b.HasIndex(e => new { e.OrganizationId, e.LastAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.ActorName).HasMaxLength(200);
        b.Property(a => a.Action).HasMaxLength(80);
        b.Property(a => a.TargetType).HasMaxLength(80);
        b.Property(a => a.TargetId).HasMaxLength(80);
        b.HasIndex(a => new { a.OrganizationId, a.At });
    }
}

internal sealed class ConsultationConfiguration : IEntityTypeConfiguration<Consultation>
{
    public void Configure(EntityTypeBuilder<Consultation> b)
    {
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Summary).HasMaxLength(1000);
        b.Property(c => c.ProjectName).HasMaxLength(200);
        b.Property(c => c.ServiceName).HasMaxLength(200);
        b.HasOne(c => c.Territory).WithMany().HasForeignKey(c => c.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(c => c.Rules, r => r.Property(x => x.AllowedDisplays).HasMaxLength(100));
        b.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.ConsultationId);
        // Optimistic concurrency on the register counter: two observations never get one number.
        b.Property(c => c.LastRegisterNumber).IsConcurrencyToken();
        // The same for the printed kit's sheets: two prints never hand out one reference.
        b.Property(c => c.PaperSheetsPrinted).IsConcurrencyToken();
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> b) => b.Property(q => q.Text).HasMaxLength(500);
}

internal sealed class StatementVoteConfiguration : IEntityTypeConfiguration<StatementVote>
{
    public void Configure(EntityTypeBuilder<StatementVote> b)
    {
        // One vote per person per statement, decided by the database; the next statement is found by (question, person).
        b.HasIndex(v => new { v.ContributionId, v.UserId }).IsUnique();
        b.HasIndex(v => new { v.QuestionId, v.UserId });
        b.HasOne<Contribution>().WithMany().HasForeignKey(v => v.ContributionId);
        b.HasOne<Question>().WithMany().HasForeignKey(v => v.QuestionId);
    }
}

internal sealed class OpinionMapSnapshotConfiguration : IEntityTypeConfiguration<OpinionMapSnapshot>
{
    public void Configure(EntityTypeBuilder<OpinionMapSnapshot> b)
    {
        b.HasIndex(m => m.QuestionId).IsUnique();
        b.HasOne<Question>().WithMany().HasForeignKey(m => m.QuestionId);
    }
}

internal sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> b)
    {
        b.Property(c => c.Title).HasMaxLength(Contribution.MaxTitle);
        b.Property(c => c.Body).HasMaxLength(Contribution.MaxBody);
        b.Property(c => c.OfflineAuthorName).HasMaxLength(200);
        b.Property(c => c.ReceivedPlace).HasMaxLength(Contribution.MaxReceivedPlace);
        b.Property(c => c.ContactEmail).HasMaxLength(256);
        b.Property(c => c.Badges).HasMaxLength(100);
        b.Property(c => c.ModerationReason).HasMaxLength(1000);
        b.HasOne(c => c.Consultation).WithMany().HasForeignKey(c => c.ConsultationId);
        b.HasIndex(c => new { c.ConsultationId, c.RegisterNumber }).IsUnique();
        // A printed sheet's answer to a question is entered once, even by two agents at the same time.
        // Partial: the online contributions (nearly all) never touch it.
        b.HasIndex(c => new { c.ConsultationId, c.PaperSheet, c.QuestionId }).IsUnique().HasFilter("\"PaperSheet\" IS NOT NULL");
        // One index per list order, each starting with the consultation and visibility: a page is a range scan.
        b.HasIndex(c => new { c.ConsultationId, c.State, c.CreatedAt });
        b.HasIndex(c => new { c.ConsultationId, c.State, c.AgreeCount });
        b.HasIndex(c => new { c.ConsultationId, c.State, c.CommentCount });
        b.HasIndex(c => new { c.OrganizationId, c.State, c.OpenFlagCount });
        // A leaf quartier's list in any order reads its rows in index order: cost follows the page, not the table.
        b.HasIndex(c => new { c.ConsultationId, c.TerritoryId, c.State, c.AgreeCount, c.Id });
        b.HasIndex(c => new { c.ConsultationId, c.TerritoryId, c.State, c.CreatedAt, c.Id });
        // The moderation queue: a few hundred rows among millions.
        b.HasIndex(c => new { c.OrganizationId, c.OpenFlagCount, c.CreatedAt }).HasDatabaseName("IX_Contributions_ModerationQueue")
            .HasFilter("\"State\" = 'PendingReview' OR \"OpenFlagCount\" > 0");
        // "Mes participations": a person's contributions, newest first, a page at a time.
        b.HasIndex(c => new { c.AuthorId, c.CreatedAt, c.Id });
    }
}

internal sealed class ReactionConfiguration : IEntityTypeConfiguration<Reaction>
{
    public void Configure(EntityTypeBuilder<Reaction> b)
    {
        b.HasIndex(r => new { r.ContributionId, r.UserId }).IsUnique();
        b.HasIndex(r => new { r.UserId, r.CreatedAt, r.Id });
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.Property(c => c.Body).HasMaxLength(Comment.MaxBody);
        b.Property(c => c.ModerationReason).HasMaxLength(1000);
        b.HasIndex(c => new { c.ContributionId, c.CreatedAt });
        // A thread a batch at a time: its top-level comments in order from a cursor (ParentId null), then the
        // replies of that batch's comments only.
        b.HasIndex(c => new { c.ContributionId, c.ParentId, c.CreatedAt, c.Id });
        b.HasIndex(c => new { c.OrganizationId, c.State, c.OpenFlagCount });
        b.HasIndex(c => new { c.OrganizationId, c.OpenFlagCount, c.CreatedAt }).HasDatabaseName("IX_Comments_ModerationQueue")
            .HasFilter("\"State\" = 'PendingReview' OR \"OpenFlagCount\" > 0");
    }
}

internal sealed class CommentFlagConfiguration : IEntityTypeConfiguration<CommentFlag>
{
    public void Configure(EntityTypeBuilder<CommentFlag> b)
    {
        b.Property(f => f.Reason).HasMaxLength(Flag.MaxReason);
        b.HasIndex(f => new { f.CommentId, f.UserId }).IsUnique();
    }
}

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> b)
    {
        b.Property(f => f.Reason).HasMaxLength(Flag.MaxReason);
        b.HasIndex(f => new { f.ContributionId, f.UserId }).IsUnique();
    }
}

internal sealed class OfficialResponseConfiguration : IEntityTypeConfiguration<OfficialResponse>
{
    public void Configure(EntityTypeBuilder<OfficialResponse> b)
    {
        b.Property(r => r.Body).HasMaxLength(OfficialResponse.MaxBody);
        b.Property(r => r.SignatureLabel).HasMaxLength(200);
        b.Ignore(r => r.Subject);
        b.HasIndex(r => new { r.ContributionId, r.Status });
        b.HasIndex(r => new { r.ProposalId, r.Status });
        b.HasIndex(r => new { r.PetitionId, r.Status });
        b.HasIndex(r => new { r.CouncilOpinionId, r.Status });
        b.HasOne<CouncilOpinion>().WithMany().HasForeignKey(r => r.CouncilOpinionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.Property(f => f.Title).HasMaxLength(200);
        b.Property(f => f.FileName).HasMaxLength(260);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.StorageKey).HasMaxLength(300);
        b.HasIndex(f => new { f.ConsultationId, f.Kind });
        b.HasIndex(f => f.ContributionId);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.To).HasMaxLength(256);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.ClaimedBy).HasMaxLength(120);
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(1000);
        b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<Cluster.JobRun>
{
    public void Configure(EntityTypeBuilder<Cluster.JobRun> b)
    {
        b.Property(r => r.Job).HasMaxLength(60);
        b.Property(r => r.Node).HasMaxLength(120);
        b.Property(r => r.Error).HasMaxLength(200);
        // The claim: one row per job and period, whichever node inserts it first.
        b.HasIndex(r => new { r.Job, r.Slot }).IsUnique();
    }
}
