using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(m => m.Title).HasMaxLength(Meeting.MaxTitle);
        b.Property(m => m.Address).HasMaxLength(Meeting.MaxAddress);
        b.Property(m => m.Room).HasMaxLength(Meeting.MaxRoom);
        b.Property(m => m.OnlineUrl).HasMaxLength(Meeting.MaxOnlineUrl);
        b.Property(m => m.AccessibilityContact).HasMaxLength(Meeting.MaxContact);
        b.Property(m => m.AgendaMarkdown).HasMaxLength(Meeting.MaxAgenda);
        b.Property(m => m.MinutesMarkdown).HasMaxLength(Meeting.MaxMinutes);
        b.Property(m => m.CancellationReason).HasMaxLength(Meeting.MaxReason);
        b.HasOne<Consultation>().WithMany().HasForeignKey(m => m.ConsultationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Territory>().WithMany().HasForeignKey(m => m.TerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Council>().WithMany().HasForeignKey(m => m.CouncilId).OnDelete(DeleteBehavior.Restrict);
        // The agenda and the feeds: published meetings of a period, in time order.
        b.HasIndex(m => new { m.OrganizationId, m.StartsAt });
        b.HasIndex(m => m.ConsultationId);
        b.HasIndex(m => m.CouncilId);
    }
}

internal sealed class MeetingRegistrationConfiguration : IEntityTypeConfiguration<MeetingRegistration>
{
    public void Configure(EntityTypeBuilder<MeetingRegistration> b)
    {
        b.Property(r => r.Name).HasMaxLength(MeetingRegistration.MaxName);
        b.Property(r => r.Email).HasMaxLength(256);
        b.Property(r => r.CancelTokenHash).HasMaxLength(64);
        b.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        // One active registration per address and meeting, decided by the database; a cancelled one frees the address.
        b.HasIndex(r => new { r.MeetingId, r.Email }).IsUnique().HasFilter("\"Status\" <> 'Cancelled'");
        // The waiting list in order, and the sheet.
        b.HasIndex(r => new { r.MeetingId, r.Status, r.Id });
        b.HasIndex(r => r.CancelTokenHash).IsUnique();
        b.HasIndex(r => r.UserId);
    }
}

/// <summary>A council's session invites each member once: the unique (meeting, mandate) pair decides it.</summary>
internal sealed class SessionInvitationConfiguration : IEntityTypeConfiguration<SessionInvitation>
{
    public void Configure(EntityTypeBuilder<SessionInvitation> b)
    {
        b.HasOne<Meeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CouncilMandate>().WithMany().HasForeignKey(i => i.MandateId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.MeetingId, i.MandateId }).IsUnique();
        b.HasIndex(i => i.MandateId);
    }
}

/// <summary>Contributions collected at a meeting, listed on its page.</summary>
internal sealed class ContributionMeetingConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> b)
    {
        b.HasOne<Meeting>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.MeetingId, c.State });
    }
}

/// <summary>The attachments of a meeting's minutes.</summary>
internal sealed class StoredFileMeetingConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.HasOne<Meeting>().WithMany().HasForeignKey(f => f.MeetingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => f.MeetingId);
    }
}
