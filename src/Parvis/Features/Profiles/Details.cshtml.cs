using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Profiles;

/// <summary>
/// A participant's public page: pseudonym and contributions shown under that pseudonym.
/// Contributions made under a partial or full name, or as "Anonyme", are left out, so the page never ties a
/// pseudonym to a real name. Never indexed by search engines.
/// </summary>
public class DetailsModel(ParvisDbContext db) : PageModel
{
    public sealed record Item(int Id, string Label, string Consultation, DateTime CreatedAt);

    public string Pseudonym { get; private set; } = "";
    public DateTime MemberSince { get; private set; }
    public List<Item> Contributions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id && u.BlockedAt == null)
            .Select(u => new { u.Pseudonym, u.CreatedAt }).FirstOrDefaultAsync();
        if (user is null) return NotFound();
        Pseudonym = user.Pseudonym;
        MemberSince = user.CreatedAt;
        var rows = await db.Contributions.AsNoTracking()
            .Where(c => c.AuthorId == id && c.State == ModerationState.Published && c.Consultation!.PublishedAt != null
                && (c.DisplayAs == DisplayIdentity.Pseudonym || (c.DisplayAs == null && c.Consultation.Rules.DisplayIdentity == DisplayIdentity.Pseudonym)))
            .OrderByDescending(c => c.CreatedAt).Take(50)
            .Select(c => new { c.Id, c.Title, c.Body, Consultation = c.Consultation!.Title, c.CreatedAt }).ToListAsync();
        Contributions = rows.Select(r => new Item(r.Id, r.Title ?? Shared.Excerpt.Of(r.Body, 80), r.Consultation, r.CreatedAt)).ToList();
        ViewData["NoIndex"] = true;
        return Page();
    }
}
