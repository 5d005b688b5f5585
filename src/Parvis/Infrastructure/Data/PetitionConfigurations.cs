using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> b)
    {
        b.Property(p => p.Title).HasMaxLength(Petition.MaxTitle);
        b.Property(p => p.Request).HasMaxLength(Petition.MaxRequest);
        b.Property(p => p.Reasons).HasMaxLength(Petition.MaxReasons);
        b.Property(p => p.Addressee).HasMaxLength(Petition.MaxAddressee);
        b.Property(p => p.SponsorToken).HasMaxLength(64);
        b.Property(p => p.RejectionReason).HasMaxLength(Petition.MaxRejectionReason);
        b.Property(p => p.CouncilDecision).HasMaxLength(Petition.MaxCouncilDecision);
        b.HasIndex(p => p.SponsorToken).IsUnique();
        b.HasIndex(p => new { p.OrganizationId, p.Status });
        b.HasIndex(p => new { p.OrganizationId, p.AuthorId });
        b.HasOne(p => p.Territory).WithMany().HasForeignKey(p => p.TerritoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PetitionSponsorConfiguration : IEntityTypeConfiguration<PetitionSponsor>
{
    public void Configure(EntityTypeBuilder<PetitionSponsor> b)
    {
        b.HasIndex(s => new { s.PetitionId, s.UserId }).IsUnique();
        b.HasIndex(s => new { s.OrganizationId, s.UserId });
        b.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PetitionCountShardConfiguration : IEntityTypeConfiguration<PetitionCountShard>
{
    public void Configure(EntityTypeBuilder<PetitionCountShard> b)
    {
        // PetitionCounts writes this table with raw SQL (an upsert): keep its names in step.
        b.ToTable("PetitionCountShards");
        b.HasKey(s => new { s.PetitionId, s.Shard });
        b.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PetitionAgendaItemConfiguration : IEntityTypeConfiguration<PetitionAgendaItem>
{
    public void Configure(EntityTypeBuilder<PetitionAgendaItem> b)
    {
        // One agenda item per petition: the database refuses a second even if two nodes race.
        b.HasIndex(a => a.PetitionId).IsUnique();
        b.HasOne<Petition>().WithMany().HasForeignKey(a => a.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The organization's petition settings; existing organizations get the defaults, not zero.</summary>
internal sealed class PetitionSettingsConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b) => b.OwnsOne(o => o.Petitions, p =>
    {
        p.Property(x => x.SponsorsRequired).HasDefaultValue(5);
        p.Property(x => x.OpenMonths).HasDefaultValue(6);
        p.Property(x => x.ResponseThreshold).HasDefaultValue(1000);
        p.Property(x => x.ResponseDeadlineDays).HasDefaultValue(90);
        p.Property(x => x.SignLevel).HasDefaultValue(ParticipationLevel.AnyoneWithConfirmedEmail);
        p.Property(x => x.CollectivityKind).HasDefaultValue(CollectivityKind.Commune);
    });
}
