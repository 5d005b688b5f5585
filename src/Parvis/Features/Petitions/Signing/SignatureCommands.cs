using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;
using Parvis.Resources;

namespace Parvis.Features.Petitions.Signing;

public sealed record SignInput(string? Name, string? Email, string? PostalCode, string? Commune);

public enum ConfirmOutcome { Confirmed, AlreadyConfirmed }

/// <summary>
/// Signing a petition: one short transaction to store the pending signature and its e-mail, one conditional
/// update to confirm it. The unique indexes decide between two concurrent signatures of one person; counts
/// go to the petition's shards (<see cref="PetitionCounts"/>), never to one row every signer would update.
/// Whether an address signed is a political opinion: a repeated signature is answered like a new one, and only the
/// mailbox hears that it signed before.
/// </summary>
public sealed class SignatureCommands(ParvisDbContext db, IAuthorizationService authorization, TenantContext tenant, EmailQueue mail,
    IDataProtectionProvider protection, TimeProvider clock, IStringLocalizer<SharedResource> text, DisposableDomains disposable,
    SigningLimits limits, PublicLinks links, PetitionRulesCache rules, ConfirmationWriter confirmations, SignatureWriter signatures, RateLimitRecorder limitRecorder,
    Identity.Verifications verifications)
{
    /// <summary>Signing again resends a pending signature's link, at most this often.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(5);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Petition> PetitionAsync(int petitionId) =>
        await rules.GetAsync(petitionId) ?? throw new DomainException("Cette pétition n'existe pas.");

    public Task<Petition?> PetitionAsyncOrNull(int petitionId) => rules.GetAsync(petitionId);

    /// <summary>What the petition's rules refuse this person (the dates aside), or null.</summary>
    public async Task<ParticipationRefusal?> RefusalAsync(ClaimsPrincipal user, Petition petition)
    {
        var result = await authorization.AuthorizeAsync(user, petition, new ParticipationRequirement(ParticipationAction.Sign));
        if (result.Succeeded) return null;
        return result.Failure?.FailureReasons.OfType<ParticipationRefusal>().FirstOrDefault()
            ?? throw new DomainException("Vous ne pouvez pas signer cette pétition.");
    }

    /// <summary>
    /// In elector mode (CGCT L1112-16) the list the town hall receives names each signatory as their elector's
    /// verification does, whatever was typed: the only name the town hall can check against the electoral list.
    /// </summary>
    public async Task<string?> ElectorNameAsync(Guid? userId) =>
        userId is { } id ? (await verifications.AttributesOfAsync(id)).ElectorName : null;

    public static DomainException NoElectorName() => new(
        "Votre vérification d'électeur ne porte pas votre nom : vérifiez-vous à nouveau (liste électorale, FranceConnect ou en mairie) pour signer cette demande.");

    /// <summary>The address a signed-in person signs with: their account's, fixed.</summary>
    public async Task<string?> AccountEmailAsync(ClaimsPrincipal user) =>
        user.UserId() is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync() : null;

    public async Task SignAsync(ClaimsPrincipal user, int petitionId, SignInput input, string? ipAddress)
    {
        var petition = await PetitionAsync(petitionId);
        petition.EnsureOpenForSigning(Now);
        if (await RefusalAsync(user, petition) is { } refusal) throw refusal.Reason;
        var userId = user.UserId();
        var email = EmailAddress.Parse(userId is null ? input.Email : await AccountEmailAsync(user));
        if (disposable.Contains(email.Domain))
            throw new DomainException("Les adresses e-mail jetables ne sont pas acceptées : signez avec une adresse que vous consultez durablement.");
        var name = petition.ElectorMode ? await ElectorNameAsync(userId) ?? throw NoElectorName() : input.Name;
        PetitionSignature NewSignature() => PetitionSignature.Create(petition.Id, userId, name, email, input.PostalCode, input.Commune,
            communeRequired: petition.ElectorMode, ipAddress, Now);
        var signature = NewSignature();
        if (!await limits.TryTakeAsync(tenant.OrganizationId, petition.Id, email.Domain))
        {
            await limitRecorder.RecordAsync(limits.DomainRule, userId, ipAddress, CancellationToken.None);
            throw DomainException.WithValues("Trop de signatures viennent en ce moment d'adresses en « {0} » : réessayez dans une minute.", email.Domain);
        }
        // The common case goes with the signatures arriving at the same moment (SignatureWriter). Elector-mode
        // signatures also take their quarter (CGCT L1112-16), so they go one by one, like any signature the batch gave back.
        if (!petition.ElectorMode)
        {
            var written = await signatures.AddAsync(tenant.Organization, signature, LinkMessage(signature, signature.NewConfirmationToken(), petition.Title));
            if (written == SignatureWrite.Written) return;
            if (written == SignatureWrite.SignedBefore)
            {
                await SignedBeforeAsync(petition, signature, null);
                return;
            }
        }
        signature = NewSignature();
        var quarter = petition.ElectorMode && userId is { } elector
            ? new ElectorQuarterSignature { UserId = elector, Quarter = ElectorQuarterSignature.QuarterOf(tenant.Organization.ToLocal(Now)), PetitionId = petition.Id, Signature = signature }
            : null;
        // Signing again is an expected outcome, not an insert for the unique indexes to refuse (and the log to report).
        if (await SignedBeforeAsync(petition, signature, quarter)) return;
        try
        {
            db.PetitionSignatures.Add(signature);
            if (quarter is not null) db.ElectorQuarterSignatures.Add(quarter);
            db.Outbox.Add(LinkMessage(signature, signature.NewConfirmationToken(), petition.Title));
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A concurrent signature of the same person won the race.
            db.ChangeTracker.Clear();
            if (!await SignedBeforeAsync(petition, signature, quarter))
                throw new DomainException("Votre signature n'a pas pu être enregistrée : réessayez.");
            return;
        }
        mail.Flush();
    }

    /// <summary>
    /// Whether this mailbox or account signed the petition before, or, in elector mode, another elector-mode petition
    /// this quarter. The mailbox is told (with a new link while the signature waits for it), at most once per interval,
    /// whatever the number of attempts: the person signing sees the same answer as for a new signature.
    /// </summary>
    private async Task<bool> SignedBeforeAsync(Petition petition, PetitionSignature attempt, ElectorQuarterSignature? quarter)
    {
        var existing = await db.PetitionSignatures.AsNoTracking()
            .Where(s => s.PetitionId == petition.Id && (s.CanonicalEmail == attempt.CanonicalEmail || (attempt.UserId != null && s.UserId == attempt.UserId)))
            .FirstOrDefaultAsync();
        if (existing is null && quarter is not null)
        {
            // The elector is signed in: the refusal speaks to the account's owner only.
            var taken = await db.ElectorQuarterSignatures.AsNoTracking()
                .Where(q => q.UserId == quarter.UserId && q.Quarter == quarter.Quarter)
                .Join(db.Petitions, q => q.PetitionId, p => p.Id, (q, p) => p.Title).FirstOrDefaultAsync();
            if (taken is not null)
            {
                var next = ElectorQuarterSignature.NextQuarterStart(tenant.Organization.ToLocal(Now));
                throw DomainException.WithValues(
                    "Un électeur ne peut signer qu'une demande d'inscription à l'ordre du jour par trimestre (article L1112-16 du CGCT) : vous avez déjà signé « {0} » ce trimestre. Vous pourrez signer à nouveau à partir du {1}.",
                    taken, next.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR")));
            }
        }
        if (existing is null) return false;
        var now = Now;
        var due = now - ResendInterval;
        var waiting = existing.ConfirmedAt is null && existing.InvalidatedAt is null;
        // A waiting signature gets a new link, which replaces the old one. Once per interval even from concurrent
        // attempts: the conditional update picks one. The mark and its e-mail together, or neither.
        var token = waiting ? existing.NewConfirmationToken() : null;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claimed = await db.PetitionSignatures.Where(s => s.Id == existing.Id && s.LinkSentAt < due)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LinkSentAt, now).SetProperty(x => x.ConfirmationTokenHash, existing.ConfirmationTokenHash)
                .SetProperty(x => x.TallyId, existing.TallyId));
        if (claimed == 1)
        {
            db.Outbox.Add(token is null ? SignedBeforeMessage(existing, petition.Title) : LinkMessage(existing, token, petition.Title));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            mail.Flush();
        }
        return true;
    }

    private OutboxMessage SignedBeforeMessage(PetitionSignature signature, string petitionTitle) =>
        mail.Compose(signature.Email, text["{0} : vous avez déjà signé cette pétition", tenant.Organization.Name],
            $"{text["Bonjour,"]}\n\n{text["Quelqu'un vient de signer la pétition « {0} » avec votre adresse, qui l'avait déjà signée : une seule signature par adresse est comptée, rien n'a changé.", petitionTitle]}\n\n{text["Si ce n'était pas vous, ignorez ce message."]}");

    private OutboxMessage LinkMessage(PetitionSignature signature, string token, string petitionTitle)
    {
        var link = links.To($"/petitions/signature/confirmer?t={token}");
        var receipt = text["Votre reçu, une fois la signature confirmée : {0}. Il vous permet de vérifier qu'elle figure au journal public des signatures :",
            PetitionSignature.ReceiptOf(token)];
        var verifier = links.To("/verifier");
        return mail.Compose(signature.Email, text["{0} : confirmez votre signature", tenant.Organization.Name],
            $"{text["Bonjour,"]}\n\n{text["Vous avez signé la pétition « {0} ». Votre signature comptera quand vous l'aurez confirmée en ouvrant ce lien dans les 7 jours :", petitionTitle]}\n{link}\n\n{receipt}\n{verifier}\n\n{text["Si vous n'avez rien signé, ignorez ce message : rien ne sera compté."]}");
    }

    private const string InvalidLink = "Ce lien de confirmation n'est pas valable ou a expiré : signez à nouveau la pétition pour en recevoir un autre.";

    /// <summary>
    /// The stored form of a link's token. Links e-mailed before tokens were random (data-protected, naming the
    /// signature's id, valid 7 days) still work: the first use gives their signature that link's hash.
    /// This legacy branch can go once every such link has expired (7 days after the SignatureTokens migration).
    /// </summary>
    private async Task<string?> HashOfLinkAsync(string? token)
    {
        if (PetitionSignature.HashToken(token) is { } hash) return hash;
        if (token is not { Length: > 43 and < 2000 }) return null;
        string payload;
        try
        {
            payload = protection.CreateProtector("Parvis.PetitionSignature").ToTimeLimitedDataProtector().Unprotect(token, out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        var parts = payload.Split(':');
        if (parts.Length != 3 || parts[0] != tenant.OrganizationId.ToString(CultureInfo.InvariantCulture)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var signatureId)) return null;
        var legacy = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
        await db.PetitionSignatures.Where(s => s.Id == signatureId && s.ConfirmationTokenHash == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationTokenHash, legacy)
                .SetProperty(x => x.TallyId, Receipt.EntryId(PetitionSignature.ReceiptOf(token))));
        return legacy;
    }

    /// <summary>The petition a link names, for its page; null when the link is not one of this organization's current links.</summary>
    public async Task<int?> PetitionOfLinkAsync(string? token)
    {
        if (await HashOfLinkAsync(token) is not { } hash) return null;
        var cutoff = Now - PetitionSignature.LinkLifetime;
        // A confirmed signature's link keeps saying so, however old.
        return await db.PetitionSignatures.Where(s => s.ConfirmationTokenHash == hash && (s.ConfirmedAt != null || s.LinkSentAt > cutoff))
            .Select(s => (int?)s.PetitionId).FirstOrDefaultAsync();
    }

    /// <summary>
    /// Counts the signature once: the conditional update confirms it only if nobody did before (a second click,
    /// a concurrent request), it was not invalidated, its link is current and the petition open; the count moves in
    /// the same transaction (<see cref="ConfirmationWriter"/>). Only when nothing was confirmed does a read say why.
    /// </summary>
    public async Task<(ConfirmOutcome Outcome, int PetitionId)> ConfirmAsync(string? token)
    {
        if (await HashOfLinkAsync(token) is not { } hash) throw new DomainException(InvalidLink);
        if (await confirmations.ConfirmAsync(tenant.Organization, hash) is { } confirmed) return (ConfirmOutcome.Confirmed, confirmed);
        var cutoff = Now - PetitionSignature.LinkLifetime;
        var signature = await db.PetitionSignatures.AsNoTracking().Where(s => s.ConfirmationTokenHash == hash)
            .Select(s => new { s.PetitionId, s.ConfirmedAt, s.InvalidatedAt, s.LinkSentAt }).FirstOrDefaultAsync();
        if (signature is null || (signature.ConfirmedAt is null && signature.LinkSentAt <= cutoff)) throw new DomainException(InvalidLink);
        if (signature.InvalidatedAt is not null) throw new DomainException("Cette signature n'existe plus ou a été annulée.");
        if (signature.ConfirmedAt is not null) return (ConfirmOutcome.AlreadyConfirmed, signature.PetitionId);
        // Not confirmed, link current: the petition no longer takes signatures. A link followed after it closed counts nothing.
        var petition = await db.Petitions.AsNoTracking().FirstAsync(p => p.Id == signature.PetitionId);
        petition.EnsureOpenForSigning(Now);
        throw new DomainException("Cette pétition est close : elle ne reçoit plus de signatures.");
    }
}
