using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Infrastructure.Identity;

/// <summary>
/// Every signed-in request is checked against its account's current security stamp, kept in each node's memory
/// and forgotten on every node as soon as the stamp changes (sign-out, password, second factor, roles, blocking):
/// a copied cookie of an ended session is refused at once, not at the next periodic session check.
/// </summary>
public sealed class SessionStamps(IMemoryCache cache, ICacheInvalidation invalidation)
{
    // Short: a stamp read just before a change and stored just after the eviction cannot outlive it long.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private static string Key(Guid userId) => "stamp:" + userId.ToString("N");

    public Task ForgetAsync(Guid userId) => invalidation.ForgetAsync([Key(userId)]);

    public async Task<bool> IsCurrentAsync(ParvisDbContext db, Guid userId, string? stamp)
    {
        var current = await cache.GetOrCreateAsync(Key(userId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
        });
        return current is not null && current == stamp;
    }

    /// <summary>The application cookie's check: the stamp first, then Identity's periodic refresh of roles and claims.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var stamp = context.Principal?.FindFirst(claims.SecurityStampClaimType)?.Value;
        if (context.Principal?.UserId() is not { } userId
            || !await services.GetRequiredService<SessionStamps>().IsCurrentAsync(services.GetRequiredService<ParvisDbContext>(), userId, stamp))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

/// <summary>Forgets the account's stamp on every node after each change of the account.</summary>
public sealed class ParvisUserManager(IUserStore<ParvisUser> store, IOptions<IdentityOptions> options, IPasswordHasher<ParvisUser> hasher,
    IEnumerable<IUserValidator<ParvisUser>> userValidators, IEnumerable<IPasswordValidator<ParvisUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<ParvisUser>> logger,
    SessionStamps stamps)
    : UserManager<ParvisUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(ParvisUser user)
    {
        var result = await base.UpdateUserAsync(user);
        if (result.Succeeded) await stamps.ForgetAsync(user.Id);
        return result;
    }
}
