using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Identity;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.FranceConnect;

/// <summary>
/// What a certified identity does to accounts: it attaches to the account the person is signed into,
/// signs in the account it is already attached to, or creates one. Never to an account found by e-mail
/// alone: whoever controls a mailbox at the provider would otherwise take over the local account.
/// </summary>
public sealed class FranceConnectCommands(ParvisDbContext db, UserManager<ParvisUser> users, Verifications verifications,
    CensusRegistry census, TenantContext tenant, TimeProvider clock)
{
    // Per organization: the logins table is shared by the installation, and two organizations using one provider
    // (and one client) would otherwise claim the same key.
    private string LoginProvider(string issuer) => $"oidc:{tenant.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{issuer}";

    /// <summary>The account of this organization the identity is attached to, if any.</summary>
    public async Task<ParvisUser?> LinkedAccountAsync(CertifiedIdentity identity)
    {
        var user = await users.FindByLoginAsync(LoginProvider(identity.Issuer), identity.Subject);
        return user?.OrganizationId == tenant.OrganizationId ? user : null;
    }

    public Task<bool> EmailTakenAsync(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return Task.FromResult(false);
        var normalized = users.NormalizeEmail(email.Trim());
        return db.Users.AnyAsync(u => u.NormalizedEmail == normalized);
    }

    /// <summary>Attaches the identity to the signed-in account (refused when another account holds it), then records the verification.</summary>
    public async Task<string?> LinkAndVerifyAsync(ParvisUser user, CertifiedIdentity identity)
    {
        var holder = await LinkedAccountAsync(identity);
        if (holder is not null && holder.Id != user.Id)
            throw new DomainException("Cette identité FranceConnect est déjà liée à un autre compte. Déconnectez-vous, puis connectez-vous avec FranceConnect pour retrouver ce compte.");
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (holder is null)
        {
            var added = await users.AddLoginAsync(user, new UserLoginInfo(LoginProvider(identity.Issuer), identity.Subject, tenant.Organization.Identity.OidcDisplayName));
            if (!added.Succeeded) throw new DomainException("Cette identité FranceConnect est déjà liée à un autre compte.");
        }
        var note = await RecordVerificationAsync(user.Id, identity);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return note;
    }

    /// <summary>Records the verification of an account the identity is already attached to (a sign-in by FranceConnect).</summary>
    public async Task<string?> VerifyAsync(ParvisUser user, CertifiedIdentity identity)
    {
        var note = await RecordVerificationAsync(user.Id, identity);
        await db.SaveChangesAsync();
        return note;
    }

    /// <summary>A new account for a certified identity: its e-mail counts as confirmed (the provider vouches for it), it has no password.</summary>
    public async Task<(ParvisUser User, string? Note)> CreateAccountAsync(CertifiedIdentity identity, string pseudonym)
    {
        if (string.IsNullOrWhiteSpace(identity.Email))
            throw new DomainException("FranceConnect n'a pas transmis d'adresse e-mail : créez un compte avec le formulaire d'inscription, puis liez FranceConnect depuis « Mon identité ».");
        if (await EmailTakenAsync(identity.Email)) throw new DomainException(EmailTakenMessage);
        if (await LinkedAccountAsync(identity) is not null)
            throw new DomainException("Cette identité FranceConnect a déjà un compte : connectez-vous avec FranceConnect.");
        var user = new ParvisUser
        {
            OrganizationId = tenant.OrganizationId,
            UserName = identity.Email,
            Email = identity.Email,
            EmailConfirmed = true,
            Pseudonym = pseudonym.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) throw new DomainException(created.Errors.First().Description);
        var added = await users.AddLoginAsync(user, new UserLoginInfo(LoginProvider(identity.Issuer), identity.Subject, tenant.Organization.Identity.OidcDisplayName));
        if (!added.Succeeded) throw new DomainException("Cette identité FranceConnect a déjà un compte : connectez-vous avec FranceConnect.");
        var note = await RecordVerificationAsync(user.Id, identity);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (user, note);
    }

    public const string NoBirthDateMessage =
        "FranceConnect n'a pas transmis de date de naissance complète : ni votre âge ni votre inscription sur les listes de la " +
        "commune ne peuvent être vérifiés ainsi, et rien n'a été enregistré. Vous pouvez les faire vérifier autrement depuis « Mon identité ».";

    public const string EmailTakenMessage =
        "Un compte existe déjà avec cette adresse : connectez-vous avec votre mot de passe, puis liez FranceConnect depuis « Mon identité ».";

    /// <summary>
    /// The age bracket from the birth date, and residence and electorship when the certified identity is on
    /// the census. Returns why the census could not help, if it matched a line held by another account.
    /// </summary>
    private async Task<string?> RecordVerificationAsync(Guid userId, CertifiedIdentity identity)
    {
        // Without a full birth date nothing can be attested (no age, no census line): say so rather than record nothing.
        if (identity.BirthDate is null) throw new DomainException(NoBirthDateMessage);
        var today = DateOnly.FromDateTime(tenant.Organization.ToLocal(clock.GetUtcNow().UtcDateTime));
        AgeBracket? age = identity.BirthDate is { } birth ? AgeBrackets.From(birth, today) : null;
        var found = identity.BirthDate is { } date ? await census.FindAsync(identity.FamilyName, identity.GivenName, date) : [];
        // A list an agent revoked for this person stays revoked, whatever the way back.
        var (matches, _, _) = await census.UsableForAsync(userId, found, clock.GetUtcNow().UtcDateTime);
        var claimed = new List<CensusMatch>();
        string? note = null;
        foreach (var match in matches)
        {
            try
            {
                CensusRegistry.Claim(match.Entry, userId);
                claimed.Add(match);
            }
            catch (DomainException e) { note = e.Message; }
        }
        if (claimed.Count > 0) note = null;
        int? territoryId = null;
        if (claimed.Count > 0)
            territoryId = claimed.Select(m => m.Entry.TerritoryId).FirstOrDefault(t => t is not null) ?? await census.HomeTerritoryAsync();
        verifications.Record(userId, VerificationMethod.FranceConnect, identity.Issuer,
            residentTerritoryId: territoryId,
            isElector: claimed.Any(m => m.File.Kind == CensusKind.Electoral),
            ageBracket: age,
            censusFileId: claimed.FirstOrDefault()?.File.Id,
            verifiedName: $"{identity.GivenName} {identity.FamilyName}");
        return note;
    }
}
