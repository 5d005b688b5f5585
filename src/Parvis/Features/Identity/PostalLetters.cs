using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Identity;

/// <summary>
/// Residence verified by a code sent to the declared address: the person asks, an agent prints the
/// pending letters as one PDF (each gets a fresh code), the person types the code.
/// </summary>
public sealed class PostalLetters(ParvisDbContext db, TenantContext tenant, Verifications verifications, AuditLog audit, TimeProvider clock, IDataProtectionProvider protection)
{
    public const string CodePurpose = "Parvis.Identity.PostalLetterCode";
    private IDataProtector Codes => protection.CreateProtector(CodePurpose);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<PostalLetterRequest?> CurrentAsync(Guid userId) =>
        db.PostalLetterRequests.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(r => r.UserId == userId);

    public async Task RequestAsync(Guid userId, int? territoryId, string? recipientName, string? line1, string? line2, string? postalCode, string? city)
    {
        if (territoryId is null || !await db.Territories.AnyAsync(t => t.Id == territoryId))
            throw new DomainException("Choisissez le quartier de votre adresse dans la liste.");
        var current = await CurrentAsync(userId);
        if (current?.StateAt(Now) is PostalLetterState.Pending or PostalLetterState.Sent)
            throw new DomainException("Une demande de courrier est déjà en cours.");
        db.PostalLetterRequests.Add(PostalLetterRequest.Declare(userId, territoryId.Value, recipientName, line1, line2, postalCode, city, Now));
        await db.SaveChangesAsync();
    }

    /// <summary>Verifies residence when the code is the letter's; otherwise the attempt counts and the French reason is thrown.</summary>
    public async Task EnterCodeAsync(Guid userId, string? typed)
    {
        var request = await CurrentAsync(userId);
        if (request is null || request.StateAt(Now) != PostalLetterState.Sent) throw new DomainException("Aucun courrier en cours pour votre compte.");
        if (request.TryCode(typed, Now))
        {
            var sent = tenant.Organization.ToLocal(request.PrintedAt!.Value);
            verifications.Record(userId, VerificationMethod.PostalLetter, $"Courrier envoyé le {sent:dd/MM/yyyy}", residentTerritoryId: request.TerritoryId);
            await db.SaveChangesAsync();
            return;
        }
        await db.SaveChangesAsync();
        throw request.VoidedAt is not null
            ? new DomainException("Ce code n'est pas le bon. Après cinq essais, ce courrier n'est plus valable : demandez-en un nouveau.")
            : DomainException.WithValues(Plurals.Pick(request.AttemptsLeft, "Ce code n'est pas le bon. Il vous reste {0} essai.", "Ce code n'est pas le bon. Il vous reste {0} essais."), request.AttemptsLeft);
    }

    /// <summary>Letters whose code expired unused: their addresses are erased (the page says so).</summary>
    public Task<int> EraseExpiredAddressesAsync() => EraseExpiredAddressesAsync(db.PostalLetterRequests, Now);

    /// <summary>Also run by the scheduled purge for every organization, so that an address nobody looks at goes too.</summary>
    public static Task<int> EraseExpiredAddressesAsync(IQueryable<PostalLetterRequest> requests, DateTime now, CancellationToken token = default) =>
        requests.Where(r => r.AddressErasedAt == null && r.CodeExpiresAt != null && r.CodeExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RecipientName, (string?)null).SetProperty(r => r.AddressLine1, (string?)null)
                .SetProperty(r => r.AddressLine2, (string?)null).SetProperty(r => r.PostalCode, (string?)null).SetProperty(r => r.City, (string?)null)
                .SetProperty(r => r.CodeProtected, (string?)null).SetProperty(r => r.AddressErasedAt, now), token);

    public IQueryable<PostalLetterRequest> Pending() =>
        db.PostalLetterRequests.Where(r => r.PrintedAt == null && r.UsedAt == null && r.VoidedAt == null);

    /// <summary>
    /// The PDF of every pending letter, each with a fresh code; null when none is waiting. The letters are
    /// marked printed only with the PDF in hand: a missing font leaves them pending.
    /// </summary>
    public async Task<byte[]?> PrintPendingAsync(string entryUrl, Guid agentId)
    {
        var pending = await Pending().OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).ToListAsync();
        if (pending.Count == 0) return null;
        var organization = tenant.Organization;
        var ids = pending.Select(r => r.TerritoryId).Distinct().ToList();
        var territories = await db.Territories.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name);
        var now = Now;
        var letters = new List<LetterContent>();
        foreach (var request in pending)
        {
            var code = PublicCodes.New();
            request.Print(code, Codes.Protect(code), agentId, now);
            letters.Add(new LetterContent(organization.Name, request.RecipientName!, request.AddressLine1!, request.AddressLine2, request.PostalCode!, request.City!,
                code, entryUrl, organization.ToLocal(request.CodeExpiresAt!.Value).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
                territories.GetValueOrDefault(request.TerritoryId, organization.Name),
                organization.ToLocal(now).ToString("'Le 'dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        }
        var pdf = LetterPdf.Render(letters);
        // One entry per letter: the journal says which request was printed, by whom, whatever the batch size.
        foreach (var request in pending) audit.Record("postal-letter.print", nameof(PostalLetterRequest), request.Id, $"{pending.Count} {Plurals.French(pending.Count, "courrier imprimé", "courriers imprimés")} ensemble");
        await db.SaveChangesAsync();
        return pdf;
    }

    /// <summary>The code a printed letter carries, while it may still be used.</summary>
    public string? CodeOf(PostalLetterRequest request) => request.CodeProtected is null ? null : Codes.Unprotect(request.CodeProtected);
}
