using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Moderation;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Handling;

/// <summary>
/// Moderators (of the whole organization, or of the request's territory) and administrators hide and restore
/// requests and their photos, and redact personal data from a description: the corrected text replaces it,
/// the original goes into the audit trail.
/// </summary>
public sealed class RequestModeration(ParvisDbContext db, IAuthorizationService authorization, ModerationCommands moderation, AuditLog audit, TimeProvider clock)
{
    /// <summary>What the public pages show where a description was redacted, when the staff wrote it in.</summary>
    public const string RedactedMark = "(passage masqué par la modération)";

    /// <summary>How much of the original one audit entry keeps (its details column holds 2,000 characters).</summary>
    private const int AuditChunk = 1_900;

    public async Task<bool> CanModerateAsync(ClaimsPrincipal user, int? territoryId)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Moderate)).Succeeded) return false;
        var scope = await moderation.ScopeAsync(user);
        return scope is null || (territoryId is { } id && scope.Territories.Contains(id));
    }

    public async Task HideAsync(ClaimsPrincipal user, int requestId, string? reason)
    {
        var request = await ModeratedAsync(user, requestId);
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text)) throw new DomainException("Indiquez pourquoi ce signalement est masqué.");
        if (text.Length > ServiceRequest.MaxReason) throw DomainException.WithValues("Le motif dépasse {0} caractères.", ServiceRequest.MaxReason);
        if (request.IsHidden) throw new DomainException("Ce signalement est déjà masqué.");
        request.IsHidden = true;
        request.HiddenReason = text;
        audit.Record("request.hide", nameof(ServiceRequest), request.Id, text);
        await db.SaveChangesAsync();
    }

    public async Task RestoreAsync(ClaimsPrincipal user, int requestId)
    {
        var request = await ModeratedAsync(user, requestId);
        if (!request.IsHidden) throw new DomainException("Ce signalement n'est pas masqué.");
        request.IsHidden = false;
        request.HiddenReason = null;
        audit.Record("request.restore", nameof(ServiceRequest), request.Id);
        await db.SaveChangesAsync();
    }

    public async Task SetPhotoHiddenAsync(ClaimsPrincipal user, int requestId, int photoId, bool hidden)
    {
        var request = await ModeratedAsync(user, requestId);
        var photo = await db.RequestPhotos.FirstOrDefaultAsync(p => p.Id == photoId && p.RequestId == request.Id)
            ?? throw new DomainException("Cette photo n'existe pas.");
        photo.IsHidden = hidden;
        audit.Record(hidden ? "request.photo.hide" : "request.photo.restore", nameof(ServiceRequest), request.Id, $"photo n° {photo.Id}");
        await db.SaveChangesAsync();
    }

    /// <summary>The staff submit the corrected description; the original is kept in the audit trail only.</summary>
    public async Task RedactAsync(ClaimsPrincipal user, int requestId, string? corrected)
    {
        var request = await ModeratedAsync(user, requestId);
        var text = corrected?.Trim();
        if (string.IsNullOrEmpty(text)) throw new DomainException("Écrivez la description corrigée (remplacez les données personnelles par « " + RedactedMark + " »).");
        if (text.Length > ServiceRequest.MaxDescription) throw DomainException.WithValues("La description dépasse {0} caractères.", ServiceRequest.MaxDescription);
        if (text == request.Description) throw new DomainException("La description corrigée est identique à l'originale.");
        var original = request.Description;
        var parts = (original.Length + AuditChunk - 1) / AuditChunk;
        for (var i = 0; i < parts; i++)
        {
            var piece = original.Substring(i * AuditChunk, Math.Min(AuditChunk, original.Length - i * AuditChunk));
            audit.Record("request.redact", nameof(ServiceRequest), request.Id, parts == 1 ? $"Texte original : {piece}" : $"Texte original ({i + 1}/{parts}) : {piece}");
        }
        request.Description = text;
        request.RedactedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    private async Task<ServiceRequest> ModeratedAsync(ClaimsPrincipal user, int requestId)
    {
        var request = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == requestId) ?? throw new DomainException("Ce signalement n'existe pas.");
        if (!await CanModerateAsync(user, request.TerritoryId)) throw new DomainException("Vous ne modérez pas ce signalement.");
        return request;
    }
}
