using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Requests.Open311;

/// <summary>
/// What the API shows: active categories as services, and requests as they are public — never hidden
/// ones, never those waiting for their author's e-mail, never a reporter's name or e-mail, never an
/// internal note.
/// </summary>
public sealed class Open311Queries(ParvisDbContext db, TenantContext tenant, PublicLinks links, TimeProvider clock)
{
    public const int MaxResults = 1_000;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(90);

    public async Task<List<Open311Item>> ServicesAsync()
    {
        var categories = await db.RequestCategories.AsNoTracking().Where(c => c.IsActive)
            .OrderBy(c => c.Group).ThenBy(c => c.Position).ThenBy(c => c.Name)
            .Select(c => new { c.Code, c.Name, c.Description, c.Keywords, c.Group, HasQuestions = c.Questions.Any() }).ToListAsync();
        return categories.Select(c => new Open311Item()
            .With("service_code", c.Code).With("service_name", c.Name).With("description", NullIfEmpty(c.Description))
            .With("metadata", c.HasQuestions).With("type", "realtime").With("keywords", NullIfEmpty(c.Keywords)).With("group", c.Group)).ToList();
    }

    public async Task<Open311Item?> DefinitionAsync(string code)
    {
        var category = await db.RequestCategories.AsNoTracking().Include(c => c.Questions).FirstOrDefaultAsync(c => c.Code == code && c.IsActive);
        if (category is null) return null;
        var attributes = category.Questions.OrderBy(q => q.Position).ThenBy(q => q.Id).Select((q, index) =>
        {
            var attribute = new Open311Item().With("variable", true).With("code", q.Code).With("datatype", Datatype(q.Kind))
                .With("required", q.Required).With("datatype_description", DatatypeDescription(q.Kind)).With("order", index + 1).With("description", q.Prompt);
            if (q.HasChoices)
                attribute.With("values", new Open311List("value", q.ChoiceList().Select(c => (object?)new Open311Item().With("key", c.Key).With("name", c.Label)).ToList()));
            return (object?)attribute;
        }).ToList();
        return new Open311Item().With("service_code", category.Code).With("attributes", new Open311List("attribute", attributes));
    }

    public static string Datatype(QuestionKind kind) => kind switch
    {
        QuestionKind.ShortText => "string",
        QuestionKind.LongText => "text",
        QuestionKind.Number => "number",
        QuestionKind.Date => "datetime",
        QuestionKind.SingleChoice => "singlevaluelist",
        _ => "multivaluelist",
    };

    private static string? DatatypeDescription(QuestionKind kind) => kind switch
    {
        QuestionKind.ShortText => "Texte de 200 caractères au plus.",
        QuestionKind.LongText => "Texte de 1 000 caractères au plus.",
        QuestionKind.Number => "Nombre, le point pour séparateur décimal.",
        QuestionKind.Date => "Date AAAA-MM-JJ (ISO 8601).",
        QuestionKind.SingleChoice => "Une des clés de « values ».",
        _ => "Une ou plusieurs clés de « values » : attribute[code][]=clé pour chacune.",
    };

    /// <summary>Requests a client may read: visible ones of this organization, optionally some of them by id.</summary>
    public IQueryable<ServiceRequest> Visible() => db.ServiceRequests.AsNoTracking().Where(r => !r.IsHidden && !r.AwaitingEmail);

    public sealed record Filter(IReadOnlyList<int>? Ids, IReadOnlyList<string>? ServiceCodes, DateTime From, DateTime To, bool? Open);

    public async Task<List<Open311Item>> RequestsAsync(Filter filter)
    {
        var query = Visible();
        if (filter.Ids is { } ids) query = query.Where(r => ids.Contains(r.Id));
        else
        {
            query = query.Where(r => r.SubmittedAt >= filter.From && r.SubmittedAt <= filter.To);
            if (filter.ServiceCodes is { } codes) query = query.Where(r => codes.Contains(r.Category!.Code));
            if (filter.Open == true) query = query.Where(r => r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Acknowledged || r.Status == RequestStatus.InProgress);
            if (filter.Open == false) query = query.Where(r => r.Status != RequestStatus.Submitted && r.Status != RequestStatus.Acknowledged && r.Status != RequestStatus.InProgress);
        }
        var rows = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(MaxResults)
            .Select(r => new
            {
                r.Id,
                r.Status,
                r.Category!.Code,
                CategoryName = r.Category.Name,
                r.ServiceName,
                r.Description,
                r.SubmittedAt,
                r.UpdatedAt,
                r.DueAt,
                r.Address,
                r.Latitude,
                r.Longitude,
                r.MediaUrl,
                Notes = r.Updates.Where(u => u.PublicText != null).OrderByDescending(u => u.At).ThenByDescending(u => u.Id).Select(u => u.PublicText).FirstOrDefault(),
                Photo = r.Photos.Where(p => !p.IsHidden).OrderBy(p => p.Position).Select(p => (Guid?)p.FileId).FirstOrDefault(),
            }).ToListAsync();
        return rows.Select(r => new Open311Item()
            .With("service_request_id", Id(r.Id))
            .With("status", ServiceRequest.IsOpenStatus(r.Status) ? "open" : "closed")
            .With("status_notes", r.Notes)
            .With("service_name", r.CategoryName)
            .With("service_code", r.Code)
            .With("description", r.Description)
            .With("agency_responsible", r.ServiceName)
            .With("service_notice", null)
            .With("requested_datetime", Time(r.SubmittedAt))
            .With("updated_datetime", Time(r.UpdatedAt))
            .With("expected_datetime", Time(r.DueAt))
            .With("address", r.Address)
            .With("address_id", null)
            .With("zipcode", null)
            .With("lat", r.Latitude)
            .With("long", r.Longitude)
            .With("media_url", r.Photo is { } photo ? links.To($"/fichiers/{photo}") : r.MediaUrl)).ToList();
    }

    /// <summary>mySociety's extension: public updates (status changes and public messages) in a window, oldest first.</summary>
    public async Task<List<Open311Item>> UpdatesAsync(DateTime from, DateTime to)
    {
        var rows = await db.RequestUpdates.AsNoTracking()
            .Where(u => u.At >= from && u.At <= to && (u.Status != null || u.PublicText != null))
            .Join(Visible(), u => u.RequestId, r => r.Id, (u, r) => u)
            .OrderBy(u => u.At).ThenBy(u => u.Id).Take(MaxResults)
            .Select(u => new
            {
                u.Id,
                u.RequestId,
                u.At,
                u.PublicText,
                // A message without a change of status carries the status the request had then.
                Status = u.Status ?? db.RequestUpdates.Where(p => p.RequestId == u.RequestId && p.Status != null && (p.At < u.At || (p.At == u.At && p.Id < u.Id)))
                    .OrderByDescending(p => p.At).ThenByDescending(p => p.Id).Select(p => p.Status).FirstOrDefault(),
            }).ToListAsync();
        return rows.Select(u => new Open311Item()
            .With("update_id", Id(u.Id))
            .With("service_request_id", Id(u.RequestId))
            .With("status", UpdateStatus(u.Status ?? RequestStatus.Submitted))
            .With("updated_datetime", Time(u.At))
            .With("description", u.PublicText ?? "")
            .With("media_url", null)).ToList();
    }

    /// <summary>mySociety's extended statuses, lower case.</summary>
    public static string UpdateStatus(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => "open",
        RequestStatus.Acknowledged => "investigating",
        RequestStatus.InProgress => "in_progress",
        RequestStatus.Resolved => "fixed",
        RequestStatus.NotOurCompetence => "not_councils_responsibility",
        RequestStatus.Duplicate => "duplicate",
        _ => "no_further_action",
    };

    public async Task<int?> RequestIdOfTokenAsync(string token) =>
        await Visible().Where(r => r.ApiToken == token).Select(r => (int?)r.Id).FirstOrDefaultAsync();

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 in the organization's time zone, with its offset.</summary>
    public string Time(DateTime utc) => Time(tenant.Organization, utc);

    public static string Time(Organization organization, DateTime utc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(organization.TimeZoneId);
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
