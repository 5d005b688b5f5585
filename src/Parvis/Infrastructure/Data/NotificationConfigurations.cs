using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> b)
    {
        // One follow per person and item (a double post counts once); the item's followers read by the second index.
        b.HasIndex(f => new { f.OrganizationId, f.UserId, f.SubjectKind, f.SubjectId }).IsUnique();
        b.HasIndex(f => new { f.OrganizationId, f.SubjectKind, f.SubjectId });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Title).HasMaxLength(Notification.MaxTitle);
        b.Property(n => n.Path).HasMaxLength(200);
        // A person's list and its unread counter; the mail job's due rows.
        b.HasIndex(n => new { n.OrganizationId, n.UserId, n.ReadAt, n.Id });
        b.HasIndex(n => new { n.OrganizationId, n.MailedAt, n.MailAfter });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b) =>
        b.HasIndex(p => new { p.OrganizationId, p.UserId, p.Kind }).IsUnique();
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> b)
    {
        b.Property(s => s.Language).HasMaxLength(8);
        b.HasIndex(s => new { s.OrganizationId, s.UserId }).IsUnique();
    }
}
