using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;
using Parvis.Resources;

namespace Parvis.Features.Requests.Reporting;

/// <summary>
/// Following a request: told of each public update. An account follows at once; an e-mail address only
/// once its owner has followed the link sent to it (7 days, POST to confirm). One row per person per
/// request (unique indexes); the count is moved in the database with the row. Every e-mail to an address
/// follower carries a link to stop (<see cref="StopLink"/>).
/// </summary>
public sealed class RequestFollowing(ParvisDbContext db, EmailQueue mail, TenantContext tenant, PublicLinks links, IDataProtectionProvider protection,
    TimeProvider clock, IStringLocalizer<SharedResource> text)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);
    private const string Invalid = "Ce lien n'est pas valable ou a expiré.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private ITimeLimitedDataProtector FollowProtector => protection.CreateProtector("Parvis.RequestFollow").ToTimeLimitedDataProtector();
    // Stopping never expires: a link in an e-mail of last year still works.
    private IDataProtector StopProtector => protection.CreateProtector("Parvis.RequestUnfollow");

    /// <summary>
    /// The request as anyone may follow it: visible (not hidden, not awaiting its e-mail), of this organization
    /// whose reports are public — where they are not, nobody but the reporter hears of a report.
    /// </summary>
    public async Task<ServiceRequest?> FollowableAsync(int requestId) =>
        tenant.Organization.Requests.PublicRequests
            ? await db.ServiceRequests.AsNoTracking().Include(r => r.Category).FirstOrDefaultAsync(r => r.Id == requestId && !r.IsHidden && !r.AwaitingEmail)
            : null;

    public Task<bool> IsFollowingAsync(Guid userId, int requestId) =>
        db.RequestFollowers.AnyAsync(f => f.RequestId == requestId && f.UserId == userId);

    /// <summary>A signed-in person follows; false when they already did.</summary>
    public async Task<bool> FollowAsync(ClaimsPrincipal user, int requestId)
    {
        var me = user.UserId() ?? throw new DomainException("Connectez-vous pour suivre ce signalement.");
        var request = await FollowableAsync(requestId) ?? throw new DomainException("Ce signalement n'existe pas.");
        if (request.AuthorId == me) throw new DomainException("Vous êtes l'auteur de ce signalement : vous êtes déjà prévenu de chaque étape.");
        if (await IsFollowingAsync(me, requestId)) return false;
        return await AddAsync(new RequestFollower { RequestId = requestId, UserId = me, Since = Now });
    }

    public async Task<bool> UnfollowAsync(ClaimsPrincipal user, int requestId)
    {
        var me = user.UserId() ?? throw new DomainException("Connectez-vous pour ne plus suivre ce signalement.");
        return await RemoveAsync(db.RequestFollowers.Where(f => f.RequestId == requestId && f.UserId == me));
    }

    /// <summary>Someone without an account asks to follow: a link goes to the address, nothing is recorded before it is followed.</summary>
    public async Task AskByEmailAsync(int requestId, string? email)
    {
        var address = EmailAddress.Parse(email);
        if (address.Canonical.Length > ServiceRequest.MaxEmail) throw new DomainException("L'adresse e-mail est trop longue.");
        if (await FollowableAsync(requestId) is null) throw new DomainException("Ce signalement n'existe pas.");
        var token = FollowProtector.Protect(Payload(requestId, address.Canonical), clock.GetUtcNow().Add(LinkLifetime));
        var link = $"{links.BaseUrl}/signalements/{requestId}/suivre/confirmer?jeton={Uri.EscapeDataString(token)}";
        mail.Enqueue(address.Typed, text["{0} : suivre le signalement n° {1}", tenant.Organization.Name, requestId],
            $"{text["Bonjour,"]}\n\n{text["Pour être prévenu de chaque étape du signalement n° {0}, ouvrez ce lien dans les 7 jours :", requestId]}\n{link}\n\n{text["Si vous n'avez rien demandé, ignorez ce message."]}");
        await db.SaveChangesAsync();
        mail.Flush();
    }

    /// <summary>The follow link's POST; false when the address already followed.</summary>
    public async Task<bool> ConfirmEmailAsync(int requestId, string? token)
    {
        var email = Read(FollowProtector, requestId, token);
        if (await FollowableAsync(requestId) is null) throw new DomainException("Ce signalement n'existe plus.");
        if (await db.RequestFollowers.AnyAsync(f => f.RequestId == requestId && f.Email == email)) return false;
        mail.Enqueue(email, text["{0} : vous suivez le signalement n° {1}", tenant.Organization.Name, requestId],
            $"{text["Bonjour,"]}\n\n{text["Vous recevrez un e-mail à chaque étape du signalement n° {0} :", requestId]}\n{links.BaseUrl}/signalements/{requestId}\n\n{text["Pour ne plus le suivre :"]}\n{StopLink(requestId, email)}");
        var added = await AddAsync(new RequestFollower { RequestId = requestId, Email = email, Since = Now });
        mail.Flush();
        return added;
    }

    /// <summary>The link to put in every e-mail sent to a follower by address (an account stops from the request's page).</summary>
    public string StopLink(int requestId, string canonicalEmail) =>
        $"{links.BaseUrl}/signalements/{requestId}/suivre/arreter?jeton={Uri.EscapeDataString(StopProtector.Protect(Payload(requestId, canonicalEmail)))}";

    public async Task<bool> StopByLinkAsync(int requestId, string? token)
    {
        var email = Read(StopProtector, requestId, token);
        return await RemoveAsync(db.RequestFollowers.Where(f => f.RequestId == requestId && f.Email == email));
    }

    private string Payload(int requestId, string canonical) => $"{tenant.OrganizationId}:{requestId.ToString(CultureInfo.InvariantCulture)}:{canonical}";

    private string Read(IDataProtector protector, int requestId, string? token)
    {
        string payload;
        try
        {
            payload = protector is ITimeLimitedDataProtector limited ? limited.Unprotect(token ?? "", out _) : protector.Unprotect(token ?? "");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new DomainException(Invalid);
        }
        var prefix = $"{tenant.OrganizationId}:{requestId.ToString(CultureInfo.InvariantCulture)}:";
        if (!payload.StartsWith(prefix, StringComparison.Ordinal)) throw new DomainException(Invalid);
        return payload[prefix.Length..];
    }

    // The row and the count in one transaction; a double click loses to the unique index and counts once.
    private async Task<bool> AddAsync(RequestFollower follower)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.RequestFollowers.Add(follower);
            await db.SaveChangesAsync();
            await db.ServiceRequests.Where(r => r.Id == follower.RequestId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.FollowerCount, r => r.FollowerCount + 1));
            await transaction.CommitAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<bool> RemoveAsync(IQueryable<RequestFollower> rows)
    {
        var row = await rows.FirstOrDefaultAsync();
        if (row is null) return false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var removed = await db.RequestFollowers.Where(f => f.Id == row.Id).ExecuteDeleteAsync();
        if (removed > 0)
            await db.ServiceRequests.Where(r => r.Id == row.RequestId && r.FollowerCount > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.FollowerCount, r => r.FollowerCount - 1));
        await transaction.CommitAsync();
        return removed > 0;
    }
}
