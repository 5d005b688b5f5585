using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Identity;

/// <summary>The account's public code for the town hall desk: made the first time it is shown, unique in the organization.</summary>
public sealed class InPersonCodes(ParvisDbContext db)
{
    public async Task<string> CodeOfAsync(Guid userId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var code = await db.Users.Where(u => u.Id == userId).Select(u => u.InPersonCode).SingleAsync();
            if (code is not null) return code;
            try
            {
                // Only if still empty: two tabs opening the page at once agree on one code.
                await db.Users.Where(u => u.Id == userId && u.InPersonCode == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.InPersonCode, PublicCodes.New()));
            }
            catch (System.Data.Common.DbException) when (attempt < 3)
            {
                // Another account drew the same code (one chance in 850 billion): draw again.
            }
        }
    }

    /// <summary>The account a desk agent looks for, by its code or its e-mail; null when none of this organization.</summary>
    public async Task<Infrastructure.Identity.ParvisUser?> FindAsync(string? codeOrEmail)
    {
        if (string.IsNullOrWhiteSpace(codeOrEmail)) return null;
        var typed = codeOrEmail.Trim();
        if (typed.Contains('@', StringComparison.Ordinal))
        {
            var normalized = typed.ToUpperInvariant();
            return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        }
        var code = PublicCodes.Normalize(typed);
        return code is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.InPersonCode == code);
    }
}
