using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.PersonalData;

/// <summary>A person's traces in an organization, each carrying the same marker, arranged in the database.</summary>
public sealed record Footprint(string Email, Guid UserId, string Marker, int ContributionId, int AnonymousContributionId, long CommentId);

public static class Footprints
{
    public static async Task<Footprint> LeaveAsync(this ParvisFactory app, Organization organization, string marker)
    {
        var email = await app.NewCitizenAsync(organization, firstName: "Prénom" + marker, lastName: "Nom" + marker);
        return await app.InOrganizationAsync(organization, async (db, _) =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var consultation = await db.Consultations.FirstAsync(c => c.Title == ConsultationData.Open);
            var others = await db.Contributions.Where(c => c.ConsultationId == consultation.Id && c.AuthorId != null && c.AuthorId != user.Id).Select(c => c.Id).FirstAsync();
            var signed = new Contribution { ConsultationId = consultation.Id, TerritoryId = consultation.TerritoryId, AuthorId = user.Id, Title = "Titre " + marker, Body = "Contribution " + marker, CreatedAt = DateTime.UtcNow, State = ModerationState.Published };
            var anonymous = new Contribution { ConsultationId = consultation.Id, TerritoryId = consultation.TerritoryId, AuthorId = user.Id, Body = "Anonyme " + marker, DisplayAs = DisplayIdentity.Anonymous, CreatedAt = DateTime.UtcNow, State = ModerationState.Published };
            db.Contributions.AddRange(signed, anonymous);
            await db.SaveChangesAsync();
            var comment = new Comment { ContributionId = others, AuthorId = user.Id, Body = "Commentaire " + marker, CreatedAt = DateTime.UtcNow, State = ModerationState.Published };
            db.Comments.Add(comment);
            db.Flags.Add(new Flag { ContributionId = others, UserId = user.Id, Reason = "Signalement " + marker, CreatedAt = DateTime.UtcNow });
            db.Verifications.Add(new Verification { UserId = user.Id, Method = VerificationMethod.InPerson, Issuer = "mairie " + marker, VerifiedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddYears(1), IsElector = true, DocumentType = "Carte " + marker });
            db.RateLimitEvents.Add(new RateLimitEvent { Limit = "posting", UserId = user.Id, IpAddress = "198.51.100." + (marker.Length % 200), FirstAt = DateTime.UtcNow, LastAt = DateTime.UtcNow, RefusedCount = 7 });
            db.Set<IdentityUserLogin<Guid>>().Add(new IdentityUserLogin<Guid> { UserId = user.Id, LoginProvider = "oidc", ProviderKey = "sujet-" + marker, ProviderDisplayName = "FranceConnect" });
            await db.SaveChangesAsync();
            await db.Contributions.Where(c => c.Id == others).ExecuteUpdateAsync(s => s.SetProperty(c => c.CommentCount, c => c.CommentCount + 1));
            return new Footprint(email, user.Id, marker, signed.Id, anonymous.Id, comment.Id);
        });
    }
}
