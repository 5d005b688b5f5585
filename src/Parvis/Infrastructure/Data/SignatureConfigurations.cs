using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class PetitionSignatureConfiguration : IEntityTypeConfiguration<PetitionSignature>
{
    public void Configure(EntityTypeBuilder<PetitionSignature> b)
    {
        b.Property(s => s.Name).HasMaxLength(PetitionSignature.MaxName);
        b.Property(s => s.Email).HasMaxLength(EmailAddress.MaxLength);
        b.Property(s => s.CanonicalEmail).HasMaxLength(EmailAddress.MaxLength);
        b.Property(s => s.EmailDomain).HasMaxLength(EmailAddress.MaxDomainLength);
        b.Property(s => s.PostalCode).HasMaxLength(PetitionSignature.MaxPlace);
        b.Property(s => s.Commune).HasMaxLength(PetitionSignature.MaxPlace);
        b.Property(s => s.IpAddress).HasMaxLength(PetitionSignature.MaxIpAddress);
        b.Property(s => s.InvalidationReason).HasMaxLength(PetitionSignature.MaxReason);
        b.Property(s => s.ConfirmationTokenHash).HasMaxLength(64);
        b.Property(s => s.TallyId).HasMaxLength(40);
        b.HasIndex(s => s.ConfirmationTokenHash).IsUnique();
        // One signature per mailbox and per account on a petition: the database decides between two concurrent ones.
        b.HasIndex(s => new { s.PetitionId, s.CanonicalEmail }).IsUnique();
        b.HasIndex(s => new { s.PetitionId, s.UserId }).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
        // The trending sources view: recent signatures of a petition, by domain and by address.
        b.HasIndex(s => new { s.PetitionId, s.CreatedAt });
        b.HasIndex(s => new { s.PetitionId, s.EmailDomain, s.CreatedAt });
        b.HasIndex(s => new { s.PetitionId, s.IpAddress, s.CreatedAt });
        b.HasIndex(s => new { s.OrganizationId, s.UserId });
        b.HasOne<Petition>().WithMany().HasForeignKey(s => s.PetitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ElectorQuarterSignatureConfiguration : IEntityTypeConfiguration<ElectorQuarterSignature>
{
    public void Configure(EntityTypeBuilder<ElectorQuarterSignature> b)
    {
        b.Property(q => q.Quarter).HasMaxLength(7);
        b.HasIndex(q => new { q.OrganizationId, q.UserId, q.Quarter }).IsUnique();
        b.HasOne(q => q.Signature).WithMany().HasForeignKey(q => q.SignatureId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Petition>().WithMany().HasForeignKey(q => q.PetitionId).OnDelete(DeleteBehavior.NoAction);
    }
}
