using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Moderation;

/// <summary>What every kind of flag shares (contributions, comments, proposals): the reason's rules, one flag per person, the count that hides.</summary>
public static class Flagging
{
    public static (Guid UserId, string Reason) Check(ClaimsPrincipal user, string? reason)
    {
        if (user.UserId() is not { } userId) throw new DomainException("Connectez-vous pour signaler un contenu.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Indiquez pourquoi ce contenu pose problème.");
        if (reason.Length > Flag.MaxReason) throw DomainException.WithValues("Le motif dépasse {0} caractères.", Flag.MaxReason);
        return (userId, reason.Trim());
    }

    /// <summary>Saves the new flag row; the unique index (item, person) settles a double or concurrent submission.</summary>
    public static async Task SaveAsync(ParvisDbContext db, string alreadyFlagged)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            throw new DomainException(alreadyFlagged);
        }
    }

    /// <summary>Counts one more open flag in the database; returns true when this flag hid the item pending review.</summary>
    public static async Task<bool> CountAsync<T>(IQueryable<T> item, int threshold) where T : ModeratedItem
    {
        await item.ExecuteUpdateAsync(s => s.SetProperty(c => c.OpenFlagCount, c => c.OpenFlagCount + 1));
        var openFlags = await item.Select(c => c.OpenFlagCount).SingleAsync();
        if (!ModeratedItem.HidesAt(openFlags, threshold)) return false;
        return await item.Where(c => c.State == ModerationState.Published).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.State, ModerationState.PendingReview)
            .SetProperty(c => c.ModerationReason, ModeratedItem.AutoHiddenReason)) == 1;
    }
}
