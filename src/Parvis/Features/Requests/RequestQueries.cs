using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Requests;

/// <summary>
/// The public filters of the map and list, as the GET form sends them (French names in the address):
/// categorie, statut ("ouverts", "fermes" or one status), territoire (with what is under it), du / au (local dates).
/// </summary>
public sealed record RequestFilter(int? CategoryId, string? Status, int? TerritoryId, string? From, string? To)
{
    public static readonly IReadOnlyList<(string Slug, RequestStatus Status)> StatusSlugs =
    [
        ("envoye", RequestStatus.Submitted), ("pris-en-compte", RequestStatus.Acknowledged), ("en-cours", RequestStatus.InProgress),
        ("resolu", RequestStatus.Resolved), ("hors-competence", RequestStatus.NotOurCompetence), ("doublon", RequestStatus.Duplicate), ("rejete", RequestStatus.Rejected),
    ];
    public const string Open = "ouverts", Closed = "fermes";

    public static string SlugOf(RequestStatus status) => StatusSlugs.First(s => s.Status == status).Slug;

    /// <summary>The filter as a query string (without the leading "?"), to carry it to the next page and to the map's data.</summary>
    public string QueryString()
    {
        var parts = new List<string>();
        if (CategoryId is { } c) parts.Add("categorie=" + c.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(Status)) parts.Add("statut=" + Uri.EscapeDataString(Status));
        if (TerritoryId is { } t) parts.Add("territoire=" + t.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(From)) parts.Add("du=" + Uri.EscapeDataString(From));
        if (!string.IsNullOrEmpty(To)) parts.Add("au=" + Uri.EscapeDataString(To));
        return string.Join('&', parts);
    }
}

/// <summary>One line of the public list.</summary>
public sealed record RequestRow(int Id, string Category, string Description, string? Address, string? Territory, RequestStatus Status, DateTime SubmittedAt);

/// <summary>One point of the public map.</summary>
public sealed record RequestPoint(int Id, string Category, RequestStatus Status, double Latitude, double Longitude);

/// <summary>A page of the list: the rows, and the id to continue after when there are more.</summary>
public sealed record RequestPage(List<RequestRow> Rows, int? NextBefore);

/// <summary>
/// What the public may read of requests: only visible ones (not hidden by a moderator, not waiting for
/// their author's e-mail), newest first. The list pages by key (the last row's submission time and id),
/// so a page costs the same at the start or deep in a large table.
/// </summary>
public sealed class RequestQueries(ParvisDbContext db, TenantContext tenant)
{
    public const int PageSize = 20;
    /// <summary>The map shows at most this many points (the newest); the list goes further.</summary>
    public const int MapLimit = 500;

    public IQueryable<ServiceRequest> Visible() => db.ServiceRequests.AsNoTracking().Where(PublicItems.ServiceRequests);

    /// <summary>The filter applied; throws a French message for a date that is not one.</summary>
    public async Task<IQueryable<ServiceRequest>> FilteredAsync(RequestFilter filter)
    {
        var query = Visible();
        if (filter.CategoryId is { } category) query = query.Where(r => r.CategoryId == category);
        if (filter.Status == RequestFilter.Open) query = query.Where(r => r.Status == RequestStatus.Submitted || r.Status == RequestStatus.Acknowledged || r.Status == RequestStatus.InProgress);
        else if (filter.Status == RequestFilter.Closed) query = query.Where(r => r.Status != RequestStatus.Submitted && r.Status != RequestStatus.Acknowledged && r.Status != RequestStatus.InProgress);
        else if (RequestFilter.StatusSlugs.FirstOrDefault(s => s.Slug == filter.Status) is { Slug: not null } known) query = query.Where(r => r.Status == known.Status);
        if (filter.TerritoryId is { } territory)
        {
            var scope = await TerritoryTree.SelfAndDescendantsAsync(db, territory);
            query = query.Where(r => r.TerritoryId != null && scope.Contains(r.TerritoryId.Value));
        }
        var from = ParseDate(filter.From, "du");
        var to = ParseDate(filter.To, "au");
        if (from is not null && to is not null && from > to) throw new DomainException("La date de début est après la date de fin.");
        var org = tenant.Organization;
        if (from is { } f)
        {
            var since = org.ToUtc(f.ToDateTime(TimeOnly.MinValue));
            query = query.Where(r => r.SubmittedAt >= since);
        }
        if (to is { } t)
        {
            var before = org.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(r => r.SubmittedAt < before);
        }
        return query;
    }

    private static DateOnly? ParseDate(string? text, string which)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || DateOnly.TryParseExact(text.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            if (date.Year is < 1970 or > 2200) throw DomainException.WithValues("La date « {0} » est hors des dates possibles (1970 à 2200).", which);
            return date;
        }
        throw DomainException.WithValues("La date « {0} » n'est pas une date (jj/mm/aaaa).", which);
    }

    /// <summary>A page of the list, newest first, starting after the request <paramref name="before"/> (the last of the previous page).</summary>
    public async Task<RequestPage> PageAsync(IQueryable<ServiceRequest> query, int? before)
    {
        if (before is { } id && await db.ServiceRequests.AsNoTracking().Where(r => r.Id == id).Select(r => (DateTime?)r.SubmittedAt).FirstOrDefaultAsync() is { } at)
            query = query.Where(r => r.SubmittedAt < at || (r.SubmittedAt == at && r.Id < id));
        var rows = await query.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(PageSize + 1)
            .Select(r => new RequestRow(r.Id, r.Category!.Name, r.Description, r.Address, r.Territory != null ? r.Territory.Name : null, r.Status, r.SubmittedAt))
            .ToListAsync();
        var more = rows.Count > PageSize;
        if (more) rows.RemoveAt(PageSize);
        return new RequestPage(rows, more ? rows[^1].Id : null);
    }

    public Task<List<RequestPoint>> PointsAsync(IQueryable<ServiceRequest> query) =>
        query.Where(r => r.Latitude != null && r.Longitude != null)
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).Take(MapLimit)
            .Select(r => new RequestPoint(r.Id, r.Category!.Name, r.Status, r.Latitude!.Value, r.Longitude!.Value))
            .ToListAsync();

    /// <summary>Every category, active or not (old requests keep theirs), by group for the filter.</summary>
    public async Task<List<IGrouping<string, (int Id, string Name)>>> CategoryGroupsAsync() =>
        (await db.RequestCategories.AsNoTracking().OrderBy(c => c.Group).ThenBy(c => c.Position).ThenBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Group }).ToListAsync())
        .GroupBy(c => c.Group, c => (c.Id, c.Name)).ToList();

    /// <summary>
    /// One request as its public page shows it, or null when the reader may not see it: hidden, waiting for
    /// its author's e-mail, or (reports not public) read by someone other than its author.
    /// </summary>
    public async Task<RequestView?> OneAsync(int id, Guid? readerId)
    {
        var r = await Visible().Include(r => r.Category).Include(r => r.Territory).FirstOrDefaultAsync(r => r.Id == id);
        if (r is null) return null;
        if (!tenant.Organization.Requests.PublicRequests && (r.AuthorId is null || r.AuthorId != readerId)) return null;

        var questions = await db.CategoryQuestions.AsNoTracking().Where(q => q.CategoryId == r.CategoryId).OrderBy(q => q.Position).ToListAsync();
        var answers = await db.RequestAnswers.AsNoTracking().Where(a => a.RequestId == id).ToListAsync();
        var answerViews = questions.Select(q => (q, answers.FirstOrDefault(a => a.QuestionId == q.Id)))
            .Where(x => x.Item2 is not null)
            .Select(x => new AnswerView(x.q.Prompt, Shown(x.q, x.Item2!.Value)))
            .ToList();
        var photos = await PhotosAsync(db, id, withHidden: false);
        // Selected without the internal note, so that it cannot reach the page even by mistake.
        var history = await db.RequestUpdates.AsNoTracking().Where(u => u.RequestId == id && (u.Status != null || u.PublicText != null))
            .OrderBy(u => u.At).ThenBy(u => u.Id)
            .Select(u => new HistoryLine(u.At, u.Status, u.PublicText, u.Signature, u.IsReopening))
            .ToListAsync();
        return new RequestView(r, answerViews, photos, history);
    }

    /// <summary>A request's photos in their order, each with its description (the stored file's title).</summary>
    public static Task<List<PhotoView>> PhotosAsync(ParvisDbContext db, int requestId, bool withHidden) =>
        db.RequestPhotos.AsNoTracking().Where(p => p.RequestId == requestId && (withHidden || !p.IsHidden)).OrderBy(p => p.Position)
            .Join(db.StoredFiles, p => p.FileId, f => f.Id, (p, f) => new PhotoView(p.Id, p.FileId, p.Position, p.IsHidden, f.Title))
            .ToListAsync();

    /// <summary>An answer as read: choices by their labels, dates in words.</summary>
    private static string Shown(CategoryQuestion question, string value)
    {
        if (question.HasChoices)
        {
            var labels = question.ChoiceList();
            return string.Join(", ", value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(key => labels.FirstOrDefault(c => c.Key == key) is { Label: { } label } ? label : key));
        }
        if (question.Kind == QuestionKind.Date && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);
        return value;
    }
}

public sealed record AnswerView(string Prompt, string Value);

/// <summary>A public line of the history: a change of status and/or a message, signed by the service (or the reporter, for a reopening).</summary>
public sealed record HistoryLine(DateTime At, RequestStatus? Status, string? PublicText, string Signature, bool IsReopening);

public sealed record RequestView(ServiceRequest Request, List<AnswerView> Answers, List<PhotoView> Photos, List<HistoryLine> History);

/// <summary>A photo of a request, with what its reporter said it shows: its text alternative wherever it is shown.</summary>
public sealed record PhotoView(int Id, Guid FileId, int Position, bool IsHidden, string Title)
{
    public string Url => $"/fichiers/{FileId}";

    /// <summary>The reporter's description, or a numbered label when they gave none.</summary>
    public string AltText(Microsoft.AspNetCore.Mvc.Localization.IHtmlLocalizer text) =>
        Title == Reporting.ReportCommands.UntitledPhoto ? text.GetString("Photo {0} jointe au signalement", Position + 1).Value : Title;
}
