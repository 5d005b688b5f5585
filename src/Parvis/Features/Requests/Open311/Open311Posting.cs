using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Open311;

/// <summary>
/// POST requests.{format}: a client of this organization, with a key that has the Open311 use (api_key), sends a report
/// for one of its users.
/// The client answers for its users: the request is not held for an e-mail confirmation, but where the
/// organization refuses anonymous reports an e-mail is required. Same rules as the form
/// (<see cref="RequestSubmission"/>); one audit entry per request, naming the client.
/// </summary>
public sealed partial class Open311Posting(ParvisDbContext db, TenantContext tenant, RequestSubmission submission, ApiKeyLookup keys,
    Open311Limits limits, AuditLog audit, TimeProvider clock)
{
    public async Task<IResult> PostAsync(HttpContext http, string format)
    {
        if (!http.Request.HasFormContentType) return Error(format, 400, "Envoyez un formulaire (application/x-www-form-urlencoded).");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var client = await keys.FindAsync(ApiKeyLookup.PresentedToOpen311(http.Request, form));
        if (client is null) return Error(format, 403, "Clé d'API (api_key) absente, inconnue ou révoquée.");
        // A reuser's read-only key does not send reports: the use is given when the key is issued.
        if (!client.Open311) return Error(format, 403, "Cette clé d'API ne permet pas d'envoyer des signalements par Open311.");
        if (!await limits.AllowAsync(tenant.OrganizationId, client.KeyId, http.Connection.RemoteIpAddress?.ToString()))
            return Error(format, 429, "Trop de signalements en peu de temps : patientez une minute avant de réessayer.");

        var code = NoNul(form["service_code"].ToString()).Trim();
        if (code.Length == 0) return Error(format, 400, "service_code est obligatoire.");
        var category = await db.RequestCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code && c.IsActive);
        if (category is null) return Error(format, 400, "Ce service_code n'existe pas ici (voir services." + format + ").");
        if (!TryCoordinate(form["lat"], out var latitude) || !TryCoordinate(form["long"], out var longitude))
            return Error(format, 400, "lat et long sont des nombres décimaux (WGS84, le point pour séparateur).");
        var address = First(form["address_string"]) ?? First(form["address_id"]);
        if (latitude is null && longitude is null && address is null)
            return Error(format, 400, "Indiquez où : lat et long, ou address_string.");
        var email = First(form["email"]);
        if (email is null && !tenant.Organization.Requests.AllowAnonymous)
            return Error(format, 400, "email est obligatoire : cette collectivité ne prend pas de signalement anonyme.");
        var mediaUrl = First(form["media_url"]);
        if (mediaUrl is not null && (mediaUrl.Length > 1_000 || !Uri.TryCreate(mediaUrl, UriKind.Absolute, out var media) || media.Scheme is not ("http" or "https")))
            return Error(format, 400, "media_url est une adresse http ou https de 1 000 caractères au plus.");
        var name = string.Join(' ', new[] { First(form["first_name"]), First(form["last_name"]) }.Where(n => n is not null));

        ServiceRequest request;
        try
        {
            request = await submission.PrepareAsync(
                new RequestInput(category.Id, First(form["description"]), latitude, longitude, address, Attributes(form), email, name.Length == 0 ? null : name),
                authorId: null, apiKeyId: client.KeyId);
        }
        catch (DomainException e)
        {
            return Error(format, 400, e.Message);
        }
        request.MediaUrl = mediaUrl;
        request.ApiToken = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18));
        request.AwaitingEmail = false;

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync();
            var now = clock.GetUtcNow().UtcDateTime;
            await db.ApiKeys.Where(k => k.Id == client.KeyId).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now));
            audit.RecordWithoutActor($"Client Open311 « {client.Name} »", "open311.request", nameof(ServiceRequest), request.Id,
                $"{category.Code}, clé {client.Prefix}…, adresse IP {http.Connection.RemoteIpAddress}");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var notice = $"Transmis à : {request.ServiceName}. Délai de traitement visé : {Open311Queries.Time(tenant.Organization, request.DueAt)}.";
        return new Open311Document("service_requests", "request",
            [new Open311Item().With("service_request_id", Open311Queries.Id(request.Id)).With("token", request.ApiToken).With("service_notice", notice).With("account_id", null)])
            .ToResult(format);
    }

    /// <summary>attribute[CODE]=value, and attribute[CODE][]=value once per chosen value of a multiple choice.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Attributes(IFormCollection form)
    {
        var answers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (AttributeKey().Match(key) is not { Success: true } m) continue;
            var code = m.Groups[1].Value;
            if (!answers.TryGetValue(code, out var list)) answers[code] = list = [];
            list.AddRange(values.Where(v => v is not null).Select(v => NoNul(v!)));
        }
        return answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^attribute\[([^\[\]]{1,60})\](\[\])?$")]
    private static partial Regex AttributeKey();

    private static bool TryCoordinate(string? text, out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number)) return false;
        value = number;
        return true;
    }

    // PostgreSQL refuses NUL characters: they are dropped, as the site's model binding does.
    private static string? First(Microsoft.Extensions.Primitives.StringValues values) =>
        NoNul(values.ToString()) is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    public static string NoNul(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    private static IResult Error(string format, int status, string description) => Open311Document.Errors(status, description).ToResult(format, status);
}
