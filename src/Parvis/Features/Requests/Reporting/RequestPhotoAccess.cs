using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Reporting;

/// <summary>
/// Who may open a request's photo (<c>/fichiers/{id}</c>): everyone while the request is public, visible and the
/// photo not hidden; otherwise its author and the staff who moderate or answer requests.
/// </summary>
public static class RequestPhotoAccess
{
    /// <returns>Null when the file is no request's photo.</returns>
    public static async Task<bool?> MayReadAsync(Guid fileId, ParvisDbContext db, ClaimsPrincipal user, IAuthorizationService authorization)
    {
        var photo = await db.RequestPhotos.AsNoTracking().Where(p => p.FileId == fileId)
            .Join(db.ServiceRequests, p => p.RequestId, r => r.Id, (p, r) => new { p.IsHidden, r.AuthorId, Hidden = r.IsHidden, r.AwaitingEmail })
            .FirstOrDefaultAsync();
        if (photo is null) return null;
        var publicRequests = await db.Organizations.Where(o => o.Id == db.TenantId).Select(o => o.Requests.PublicRequests).FirstOrDefaultAsync();
        if (publicRequests && !photo.IsHidden && !photo.Hidden && !photo.AwaitingEmail) return true;
        if (photo.AuthorId is not null && photo.AuthorId == user.UserId()) return true;
        return (await authorization.AuthorizeAsync(user, Policies.Moderate)).Succeeded || (await authorization.AuthorizeAsync(user, Policies.Answer)).Succeeded;
    }
}
