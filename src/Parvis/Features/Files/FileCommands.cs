using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Files;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Files;

public sealed record FileView(Guid Id, string Title, string ContentType, long Size)
{
    public string Url => $"/fichiers/{Id}";

    /// <summary>The size with its unit in the current language (Ko/Mo in French).</summary>
    public string SizeLabel(IHtmlLocalizer text) => Size < 1024 * 1024
        ? text.GetString("{0} Ko", Math.Max(1, Size / 1024))
        : text.GetString("{0:0.#} Mo", Size / (1024.0 * 1024));

    public string TypeLabel => ContentType == "application/pdf" ? "PDF" : ContentType == "image/png" ? "PNG" : "JPEG";
}

/// <summary>Uploads of a consultation's cover image and dossier documents, checked by content.</summary>
/// <summary>A consultation's files as its page shows them: the cover apart, the dossier in upload order.</summary>
public sealed record ConsultationFiles(FileView? Cover, List<FileView> Dossier);

public sealed class FileCommands(ParvisDbContext db, IFileStorage storage, AuditLog audit, TimeProvider clock)
{
    /// <summary>Checks an upload by its content and stores its bytes; the caller adds the returned row in its own transaction.</summary>
    public async Task<StoredFile> StoreAsync(IFormFile? upload, FileKind kind, string? title)
    {
        if (upload is null || upload.Length == 0) throw new DomainException("Choisissez un fichier.");
        var limit = kind is FileKind.Document or FileKind.Attachment ? FileInspector.MaxDocumentBytes : FileInspector.MaxImageBytes;
        if (upload.Length > limit) throw DomainException.WithValues("Le fichier dépasse {0} Mo.", limit / (1024 * 1024));
        if (title is { Length: > 200 }) throw new DomainException("Le titre du document dépasse 200 caractères.");
        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer);
        var documents = kind is FileKind.Document or FileKind.Attachment;
        var inspected = documents ? FileInspector.Document(buffer.ToArray()) : FileInspector.Image(buffer.ToArray());
        if (inspected is null)
            throw new DomainException(documents ? "Seuls les PDF et les images PNG ou JPEG sont acceptés." : "Seules les images PNG ou JPEG sont acceptées.");
        var id = Guid.NewGuid();
        var name = Path.GetFileNameWithoutExtension(upload.FileName);
        if (string.IsNullOrWhiteSpace(name)) name = "document";
        if (name.Length > 200) name = name[..200];
        var file = new StoredFile
        {
            Id = id,
            Kind = kind,
            Title = string.IsNullOrWhiteSpace(title) ? name : title.Trim(),
            FileName = name + inspected.Extension,
            ContentType = inspected.ContentType,
            Size = inspected.Content.LongLength,
            StorageKey = $"{db.TenantId}/{id:N}{inspected.Extension}",
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        await storage.SaveAsync(file.StorageKey, inspected.Content);
        return file;
    }

    /// <summary>Removes the bytes of a file whose row was not saved.</summary>
    public Task DiscardAsync(StoredFile file) => storage.DeleteAsync(file.StorageKey);

    public async Task<StoredFile> UploadAsync(int consultationId, FileKind kind, IFormFile? upload, string? title)
    {
        var file = await StoreAsync(upload, kind, title);
        file.ConsultationId = consultationId;
        var replaced = kind == FileKind.Cover
            ? await db.StoredFiles.Where(f => f.ConsultationId == consultationId && f.Kind == FileKind.Cover).ToListAsync()
            : [];
        db.StoredFiles.RemoveRange(replaced);
        db.StoredFiles.Add(file);
        audit.Record(kind == FileKind.Cover ? "consultation.cover" : "consultation.document.add", nameof(Consultation), consultationId, file.Title);
        try
        {
            await db.SaveChangesAsync();
        }
        catch
        {
            await storage.DeleteAsync(file.StorageKey);
            throw;
        }
        // Old bytes go only once the database no longer points at them.
        foreach (var old in replaced) await storage.DeleteAsync(old.StorageKey);
        return file;
    }

    public async Task DeleteAsync(int consultationId, Guid fileId)
    {
        var file = await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == fileId && f.ConsultationId == consultationId)
            ?? throw new DomainException("Ce document n'existe pas.");
        db.StoredFiles.Remove(file);
        audit.Record("consultation.document.remove", nameof(Consultation), consultationId, file.Title);
        await db.SaveChangesAsync();
        await storage.DeleteAsync(file.StorageKey);
    }

    public Task<List<FileView>> ForContributionAsync(int contributionId) =>
        db.StoredFiles.AsNoTracking().Where(f => f.ContributionId == contributionId).OrderBy(f => f.UploadedAt)
            .Select(f => new FileView(f.Id, f.Title, f.ContentType, f.Size)).ToListAsync();

    public async Task<List<FileView>> ForConsultationAsync(int consultationId) =>
        (await WithKindsAsync(consultationId)).Select(f => f.View).ToList();

    /// <summary>A consultation's files as its page shows them: the cover apart, the dossier in upload order.</summary>
    public async Task<ConsultationFiles> CoverAndDossierAsync(int consultationId)
    {
        var files = await WithKindsAsync(consultationId);
        var cover = files.FirstOrDefault(f => f.Kind == FileKind.Cover)?.View;
        return new ConsultationFiles(cover, files.Where(f => f.View != cover).Select(f => f.View).ToList());
    }

    private sealed record KindedFile(FileView View, FileKind Kind);

    private Task<List<KindedFile>> WithKindsAsync(int consultationId) =>
        db.StoredFiles.AsNoTracking().Where(f => f.ConsultationId == consultationId).OrderBy(f => f.UploadedAt)
            .Select(f => new KindedFile(new FileView(f.Id, f.Title, f.ContentType, f.Size), f.Kind)).ToListAsync();
}

public static class FileEndpoints
{
    public static void MapFiles(this IEndpointRouteBuilder app) =>
        app.MapGet("/fichiers/{id:guid}", async (Guid id, ParvisDbContext db, IFileStorage storage, HttpContext http, IAuthorizationService authorization,
            Moderation.ModerationCommands moderation, Infrastructure.Tenancy.TenantContext tenant) =>
        {
            // The tenant filter makes another organization's file simply not exist here.
            var file = await db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id);
            if (file is null || !await MayReadAsync(file, db, http.User, authorization, moderation, tenant.Organization.Requests.PublicRequests, http.RequestServices)) return Results.NotFound();
            var stream = await storage.OpenAsync(file.StorageKey);
            if (stream is null) return Results.NotFound();
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
            return Results.File(stream, file.ContentType, file.FileName, enableRangeProcessing: true);
        });

    // A file is public with what it belongs to: the published consultation, the visible contribution.
    // Otherwise only those who may see that item anyway: its managers, its author, its moderators.
    private static async Task<bool> MayReadAsync(StoredFile file, ParvisDbContext db, System.Security.Claims.ClaimsPrincipal user,
        IAuthorizationService authorization, Moderation.ModerationCommands moderation, bool requestsPublic, IServiceProvider services)
    {
        if (file.ContributionId is { } contributionId)
        {
            var contribution = await db.Contributions.AsNoTracking().Where(c => c.Id == contributionId).Select(c => new { c.State, c.AuthorId, c.TerritoryId, c.ConsultationId }).FirstOrDefaultAsync();
            if (contribution is null) return false;
            if (contribution.State == ModerationState.Published || (contribution.AuthorId is not null && contribution.AuthorId == user.UserId())) return true;
            return (await authorization.AuthorizeAsync(user, Policies.Moderate)).Succeeded
                && (await moderation.ScopeAsync(user) is not { } scope || scope.Includes(contribution.TerritoryId, contribution.ConsultationId));
        }
        // A request's photo is public with the request (visible, reports public) unless hidden; its author always
        // sees it, and so do the staff who may handle the request (its service) or moderate it (its territory).
        var ofRequest = await db.RequestPhotos.AsNoTracking().Where(p => p.FileId == file.Id)
            .Select(p => new { p.IsHidden, Request = db.ServiceRequests.Where(r => r.Id == p.RequestId).First() })
            .FirstOrDefaultAsync();
        if (ofRequest is not null)
        {
            var request = ofRequest.Request;
            if (requestsPublic && !ofRequest.IsHidden && !request.IsHidden && !request.AwaitingEmail) return true;
            if (request.AuthorId is not null && request.AuthorId == user.UserId()) return true;
            if ((await authorization.AuthorizeAsync(user, Policies.Answer)).Succeeded
                && await services.GetRequiredService<Requests.Handling.RequestHandling>().CanHandleAsync(user, request)) return true;
            return await services.GetRequiredService<Requests.Handling.RequestModeration>().CanModerateAsync(user, request.TerritoryId);
        }
        // A document of a meeting's minutes is public with the minutes; before that, the staff who run meetings see it.
        if (file.MeetingId is { } meetingId)
        {
            var meeting = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).Select(m => new { m.PublishedAt, m.MinutesPublishedAt }).FirstOrDefaultAsync();
            if (meeting is null) return false;
            return (meeting.PublishedAt is not null && meeting.MinutesPublishedAt is not null)
                || (await authorization.AuthorizeAsync(user, Policies.ManageConsultations)).Succeeded;
        }
        // A project's document or photo is public with the published project; before that, the staff who run projects see it.
        var ofProject = await db.ProjectFiles.AsNoTracking().Where(f => f.FileId == file.Id)
            .Select(f => new { Published = db.Projects.Any(p => p.Id == f.ProjectId && p.PublishedAt != null) }).FirstOrDefaultAsync();
        if (ofProject is not null)
            return ofProject.Published || (await authorization.AuthorizeAsync(user, Policies.ManageConsultations)).Succeeded;
        // A post's cover image is public with the post from its publication date; before that, the staff who write posts see it.
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var ofPost = await db.NewsPosts.AsNoTracking().Where(p => p.CoverFileId == file.Id).Select(p => new { p.PublishAt }).FirstOrDefaultAsync();
        if (ofPost is not null)
            return ofPost.PublishAt <= now || (await authorization.AuthorizeAsync(user, Policies.ManageConsultations)).Succeeded;
        if (file.Kind == FileKind.Photo)
        {
            // A proposal's photo is public with the proposal; a hidden one's only for its author and the moderators.
            var proposal = await db.Proposals.AsNoTracking().Where(p => p.PhotoFileId == file.Id).Select(p => new { p.State, p.AuthorId }).FirstOrDefaultAsync();
            if (proposal is null) return false;
            if (proposal.State == ModerationState.Published || (proposal.AuthorId is not null && proposal.AuthorId == user.UserId())) return true;
            return (await authorization.AuthorizeAsync(user, Policies.Moderate)).Succeeded;
        }
        if (file.ConsultationId is null) return true;
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == file.ConsultationId);
        if (consultation is null) return false;
        return consultation.PublishedAt is not null
            || ((await authorization.AuthorizeAsync(user, Policies.ManageConsultations)).Succeeded
                && (await authorization.AuthorizeAsync(user, consultation, ServiceStaffRequirement.Instance)).Succeeded);
    }
}
