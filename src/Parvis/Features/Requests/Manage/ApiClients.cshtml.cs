using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Manage;

/// <summary>
/// The organization's Open311 clients: a key is made of 32 random bytes, shown once in the answer to its
/// creation; only its SHA-256 is kept. Revoking is immediate and final.
/// </summary>
[Authorize(Policy = Policies.Administer)]
public class ApiClientsModel(ParvisDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    public List<ApiClient> Clients { get; private set; } = [];
    /// <summary>The key just created: on this answer only, never stored nor redirected through a cookie.</summary>
    public string? NewKey { get; private set; }
    public string? NewKeyName { get; private set; }

    public async Task OnGetAsync() => Clients = await ListAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var name = Name?.Trim();
        string? error = string.IsNullOrEmpty(name) ? "Nommez le client (l'application qui utilisera la clé)."
            : name.Length > ApiClient.MaxName ? "Le nom dépasse 100 caractères." : null;
        if (error is null && await db.ApiClients.AnyAsync(c => c.Name == name && c.RevokedAt == null))
            error = "Un client actif porte déjà ce nom.";
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            Clients = await ListAsync();
            return Page();
        }
        var key = NewApiKey();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var client = db.ApiClients.Add(new ApiClient
        {
            Name = name!,
            KeyHash = ApiClient.HashKey(key),
            KeyPrefix = key[..8],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedById = User.UserId(),
        }).Entity;
        await db.SaveChangesAsync();
        audit.Record("open311-client.create", nameof(ApiClient), client.Id, $"« {client.Name} », clé {client.KeyPrefix}…");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        (NewKey, NewKeyName, Name) = (key, client.Name, null);
        Response.Headers.CacheControl = "no-store";
        Clients = await ListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int clientId)
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == clientId);
        if (client is null) return RedirectToPage();
        if (client.RevokedAt is null)
        {
            client.RevokedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("open311-client.revoke", nameof(ApiClient), client.Id, $"« {client.Name} », clé {client.KeyPrefix}…");
            await db.SaveChangesAsync();
        }
        TempData["Message"] = "Clé révoquée : elle ne permet plus d'envoyer de signalement.";
        return RedirectToPage();
    }

    /// <summary>256 random bits, URL-safe base64 (43 characters).</summary>
    public static string NewApiKey() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private Task<List<ApiClient>> ListAsync() =>
        db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenByDescending(c => c.CreatedAt).ToListAsync();
}
