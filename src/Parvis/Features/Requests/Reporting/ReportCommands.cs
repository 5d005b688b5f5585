using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Files;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;
using Parvis.Resources;

namespace Parvis.Features.Requests.Reporting;

/// <summary>A photo chosen in the form, with what it shows (its text alternative).</summary>
public sealed record PhotoUpload(IFormFile File, string? Description);

/// <summary>An open request of the same category near the point given, for the "déjà signalé ?" step.</summary>
public sealed record NearbyRequest(int Id, RequestStatus Status, int Metres, DateTime SubmittedAt, string? Address, string? Excerpt);

/// <summary>
/// Sending a report from the form: who may send (an account; anyone where the organization allows it;
/// otherwise a confirmed e-mail), the photos (at most three, re-encoded without metadata), the
/// acknowledgement of receipt. One transaction; the photos' bytes go if it fails.
/// </summary>
public sealed class ReportCommands(ParvisDbContext db, RequestSubmission submission, IFileStorage storage, EmailQueue mail, TenantContext tenant, PublicLinks links,
    IDataProtectionProvider protection, TimeProvider clock, IStringLocalizer<SharedResource> text)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);
    public const long MaxPhotoBytes = 6 * 1024 * 1024;
    public const int MaxPhotoDescription = 200;
    /// <summary>The stored title of a photo sent without a description (its text alternative is then numbered).</summary>
    public const string UntitledPhoto = "Photo du signalement";
    /// <summary>Candidates read from the bounding box before the exact distance sorts them.</summary>
    private const int NearbyCandidates = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private RequestSettings Settings => tenant.Organization.Requests;

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Parvis.RequestReport").ToTimeLimitedDataProtector();

    /// <summary>Checks everything but the photos; returns the request unsaved.</summary>
    public async Task<ServiceRequest> CheckAsync(ClaimsPrincipal user, RequestInput input)
    {
        var me = user.UserId();
        if (me is null && !Settings.AllowAnonymous && string.IsNullOrWhiteSpace(input.Email))
            throw new DomainException("Indiquez votre adresse e-mail : un lien vous sera envoyé pour confirmer votre signalement.");
        var request = await submission.PrepareAsync(me is null ? input : input with { Email = null, Name = null }, me);
        // Without an account and where anonymous reports are not taken, the request waits for its e-mail link.
        request.AwaitingEmail = me is null && !Settings.AllowAnonymous;
        return request;
    }

    /// <summary>Open, visible requests of the category within the organization's radius: nearest first, five at most.</summary>
    public async Task<List<NearbyRequest>> NearbyAsync(int categoryId, double? latitude, double? longitude)
    {
        // Where reports are not public, the step would show (and let people follow) reports of others.
        if (!Settings.PublicRequests) return [];
        if (latitude is not { } lat || longitude is not { } lon || lat is < -90 or > 90 || lon is < -180 or > 180) return [];
        var metres = Settings.NearbyMetres;
        var dLat = metres / 111_320.0;
        var dLon = metres / (111_320.0 * Math.Max(0.01, Math.Cos(lat * Math.PI / 180)));
        var (minLat, maxLat, minLon, maxLon) = (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
        var candidates = await db.ServiceRequests.AsNoTracking()
            .Where(r => r.CategoryId == categoryId && !r.IsHidden && !r.AwaitingEmail
                && (r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Acknowledged || r.Status == RequestStatus.InProgress)
                && r.Latitude >= minLat && r.Latitude <= maxLat && r.Longitude >= minLon && r.Longitude <= maxLon)
            .OrderByDescending(r => r.SubmittedAt).Take(NearbyCandidates)
            .Select(r => new { r.Id, r.Status, r.Latitude, r.Longitude, r.SubmittedAt, r.Address, r.Description })
            .ToListAsync();
        return candidates
            .Select(r => new NearbyRequest(r.Id, r.Status, (int)Math.Round(ServiceRequest.MetresBetween(lat, lon, r.Latitude!.Value, r.Longitude!.Value)),
                r.SubmittedAt, r.Address, Excerpt(r.Description)))
            .Where(r => r.Metres <= metres)
            .OrderBy(r => r.Metres).ThenByDescending(r => r.SubmittedAt).Take(5).ToList();
    }

    /// <summary>Sends the report; the acknowledgement (or the confirmation link) is queued in the same transaction.</summary>
    public async Task<ServiceRequest> SendAsync(ClaimsPrincipal user, RequestInput input, IReadOnlyList<PhotoUpload> photos)
    {
        var request = await CheckAsync(user, input);
        if (photos.Count > ServiceRequest.MaxPhotos) throw DomainException.WithValues("Joignez {0} photos au plus.", ServiceRequest.MaxPhotos);
        foreach (var photo in photos)
            if (photo.Description is { } d && d.Trim().Length > MaxPhotoDescription)
                throw DomainException.WithValues("La description d'une photo dépasse {0} caractères.", MaxPhotoDescription);
        var files = new List<StoredFile>();
        try
        {
            foreach (var photo in photos) files.Add(await StorePhotoAsync(photo));
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.StoredFiles.AddRange(files);
            request.Photos = files.Select((f, i) => new RequestPhoto { FileId = f.Id, Position = i }).ToList();
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync();
            // The e-mail needs the new number: it is written in the same transaction as the request.
            if (request.AwaitingEmail) QueueConfirmation(request);
            else await QueueAcknowledgementAsync(request);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch
        {
            foreach (var file in files) await storage.DeleteAsync(file.StorageKey);
            throw;
        }
        mail.Flush();
        return request;
    }

    /// <summary>The link's POST: the request becomes visible and goes to its service; the acknowledgement follows.</summary>
    public async Task<ServiceRequest> ConfirmAsync(int requestId, string? token)
    {
        string payload;
        try
        {
            payload = Protector.Unprotect(token ?? "", out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new DomainException("Ce lien de confirmation n'est pas valable ou a expiré : faites à nouveau votre signalement.");
        }
        if (payload != $"{tenant.OrganizationId}:{requestId.ToString(CultureInfo.InvariantCulture)}")
            throw new DomainException("Ce lien de confirmation n'est pas valable ou a expiré : faites à nouveau votre signalement.");
        var request = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == requestId)
            ?? throw new DomainException("Ce signalement n'existe plus : faites-le à nouveau.");
        if (!request.AwaitingEmail) return request;
        request.AwaitingEmail = false;
        request.UpdatedAt = Now;
        await QueueAcknowledgementAsync(request);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DomainException)
        {
            // The same link posted twice at once: the other post confirmed it and sent the receipt.
            db.ChangeTracker.Clear();
            return await db.ServiceRequests.FirstAsync(r => r.Id == requestId && !r.AwaitingEmail);
        }
        mail.Flush();
        return request;
    }

    private async Task<StoredFile> StorePhotoAsync(PhotoUpload photo)
    {
        if (photo.File.Length > MaxPhotoBytes) throw DomainException.WithValues("Une photo dépasse {0} Mo.", MaxPhotoBytes / (1024 * 1024));
        using var buffer = new MemoryStream();
        await photo.File.CopyToAsync(buffer);
        var image = FileInspector.Image(buffer.ToArray())
            ?? throw new DomainException("Seules les photos PNG ou JPEG sont acceptées.");
        var id = Guid.NewGuid();
        var file = new StoredFile
        {
            Id = id,
            Kind = FileKind.Photo,
            Title = string.IsNullOrWhiteSpace(photo.Description) ? UntitledPhoto : photo.Description.Trim(),
            FileName = "photo" + image.Extension,
            ContentType = image.ContentType,
            Size = image.Content.LongLength,
            StorageKey = $"{db.TenantId}/{id:N}{image.Extension}",
            UploadedAt = Now,
        };
        await storage.SaveAsync(file.StorageKey, image.Content);
        return file;
    }

    private void QueueConfirmation(ServiceRequest request)
    {
        var token = Protector.Protect($"{tenant.OrganizationId}:{request.Id.ToString(CultureInfo.InvariantCulture)}", clock.GetUtcNow().Add(LinkLifetime));
        var link = $"{links.BaseUrl}/signalements/{request.Id}/confirmer?jeton={Uri.EscapeDataString(token)}";
        mail.Enqueue(request.ReporterEmail!, text["{0} : confirmez votre signalement", tenant.Organization.Name],
            $"{text["Bonjour,"]}\n\n{text["Vous avez fait un signalement. Pour qu'il soit transmis au service concerné, ouvrez ce lien dans les 7 jours :"]}\n{link}\n\n{text["Si vous n'avez rien signalé, ignorez ce message : rien ne sera transmis."]}");
    }

    private async Task QueueAcknowledgementAsync(ServiceRequest request)
    {
        var to = request.AuthorId is { } author
            ? await db.Users.Where(u => u.Id == author).Select(u => u.Email).FirstOrDefaultAsync()
            : request.ReporterEmail;
        if (string.IsNullOrEmpty(to)) return;
        var link = $"{links.BaseUrl}/signalements/{request.Id}";
        mail.Enqueue(to, text["{0} : signalement n° {1} reçu", tenant.Organization.Name, request.Id],
            $"{text["Bonjour,"]}\n\n{text["Nous avons bien reçu votre signalement n° {0}. Il est transmis au {1}, qui s'engage à le traiter avant le {2}.", request.Id, request.ServiceName, tenant.Organization.ToLocal(request.DueAt).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))]}\n\n{text["Suivez-le ici :"]}\n{link}\n\n{text["Vous recevrez un e-mail à chaque nouvelle étape."]}");
    }

    private static string Excerpt(string description) => description.Length <= 140 ? description : description[..140].TrimEnd() + "…";
}
