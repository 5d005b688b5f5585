using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Infrastructure.Identity;

/// <summary>
/// Notes each sign-in on the account: inactivity (and so anonymisation by the retention job) is counted
/// from it. Called by the application cookie's OnSignedIn event, which every way of signing in goes
/// through (password, second factor, FranceConnect, refresh).
/// </summary>
public sealed class SignInTracker(ParvisDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        if (principal.UserId() is not { } userId) return;
        var now = clock.GetUtcNow().UtcDateTime;
        // One statement, outside the sign-in's own tracked entities: the account's concurrency stamp is untouched.
        await db.Users.IgnoreQueryFilters().Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now).SetProperty(u => u.InactivityWarnedAt, (DateTime?)null));
    }
}
