using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Moderation;

public sealed record LimitedSender(string Limit, Guid? UserId, string? Account, bool Blocked, string? IpAddress, DateTime FirstAt, DateTime LastAt, int RefusedCount);

/// <summary>Accounts and addresses stopped by a rate limit in the last week, so that a moderator sees a spam run and can block its account.</summary>
public class LimitsModel(ParvisDbContext db, ModerationCommands commands, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    public List<LimitedSender> Senders { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-7);
        var events = await db.RateLimitEvents.AsNoTracking().Where(e => e.LastAt > since)
            .OrderByDescending(e => e.LastAt).Take(200).ToListAsync();
        var ids = events.Where(e => e.UserId is not null).Select(e => e.UserId!.Value).Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Pseudonym, u.Email, u.BlockedAt }).ToDictionaryAsync(u => u.Id);
        Senders = events.Select(e =>
        {
            var account = e.UserId is { } id && accounts.TryGetValue(id, out var a) ? a : null;
            return new LimitedSender(e.Limit, e.UserId, account is null ? null : $"{account.Pseudonym} <{account.Email}>",
                account?.BlockedAt is not null, e.IpAddress, e.FirstAt, e.LastAt, e.RefusedCount);
        }).ToList();
    }

    public async Task<IActionResult> OnPostBlockAsync(Guid userId, string? reason)
    {
        await commands.BlockAccountAsync(User, userId, reason);
        TempData["Message"] = "Compte bloqué.";
        return RedirectToPage();
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await OnGetAsync();
        return true;
    }
}
