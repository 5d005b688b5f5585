using Microsoft.EntityFrameworkCore;
using Parvis.Domain;

namespace Parvis.Testing;

/// <summary>Verified attributes written straight into the database, for tests about what they unlock.</summary>
public static class VerificationData
{
    /// <summary>The name an elector's verification vouches for, unless a test gives another.</summary>
    public const string ElectorName = "Camille Électrice";

    public static Task<int> TerritoryIdAsync(this ParvisFactory app, string name) =>
        app.InAAsync(db => db.Territories.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    public static Task<Guid> UserIdAsync(this ParvisFactory app, string email) =>
        app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Records an in-person verification of the person, as an agent would (an elector's with the name on the document).</summary>
    public static async Task<int> VerifyAsync(this ParvisFactory app, string email, string? residentOf = null, bool elector = false,
        AgeBracket? age = null, DateTime? expiresAt = null, string? electorName = ElectorName)
    {
        var userId = await app.UserIdAsync(email);
        int? territory = residentOf is null ? null : await app.TerritoryIdAsync(residentOf);
        return await app.InAAsync(async db =>
        {
            var verification = new Verification
            {
                UserId = userId,
                Method = VerificationMethod.InPerson,
                Issuer = "Mairie (test)",
                VerifiedAt = DateTime.UtcNow,
                ExpiresAt = expiresAt ?? DateTime.UtcNow.AddYears(1),
                ResidentTerritoryId = territory,
                IsElector = elector,
                VerifiedName = elector ? electorName : null,
                AgeBracket = age,
                DocumentType = "Carte nationale d'identité",
            };
            db.Verifications.Add(verification);
            await db.SaveChangesAsync();
            return verification.Id;
        });
    }
}
