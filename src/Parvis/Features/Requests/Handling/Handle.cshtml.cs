using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Requests.Handling;

/// <summary>
/// One request for its service: everything about it (the reporter's contact for staff only), its history with
/// the internal notes, and the forms to move it, write to the reporter or to the file, or hand it to another service.
/// </summary>
[Authorize(Policy = Policies.Answer)]
public class HandleModel(ParvisDbContext db, RequestHandling handling, RequestMail mails, TenantContext tenant) : PageModel, IRedisplaysBrokenRules
{
    public sealed record Answer(string Prompt, string Value);
    public sealed record Reporter(string? Name, string? Email, bool HasAccount);

    public ServiceRequest Item { get; private set; } = null!;
    public List<PhotoView> Photos { get; private set; } = [];
    public string CategoryName { get; private set; } = "";
    public string? TerritoryName { get; private set; }
    public List<Answer> Answers { get; private set; } = [];
    public List<RequestUpdate> History { get; private set; } = [];
    public Reporter Contact { get; private set; } = new(null, null, false);
    public List<string> Services { get; private set; } = [];
    public int FollowerCount { get; private set; }
    public Organization Organization => tenant.Organization;

    /// <summary>The statuses this request may move to from where it stands.</summary>
    public IEnumerable<RequestStatus> NextStatuses => Enum.GetValues<RequestStatus>().Where(s => ServiceRequest.CanMove(Item.Status, s));

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public Task<IActionResult> OnPostMoveAsync(int id, RequestStatus? status, string? publicText, string? internalNote, string? duplicateOf) =>
        ActAsync(id, () => handling.MoveAsync(User, id, status, publicText, internalNote, duplicateOf), "Le statut du signalement a changé.");

    public Task<IActionResult> OnPostCommentAsync(int id, string? publicText, string? internalNote) =>
        ActAsync(id, () => handling.CommentAsync(User, id, publicText, internalNote), "Votre message est ajouté à l'historique.");

    public async Task<IActionResult> OnPostReassignAsync(int id, string? service, string? internalNote)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        await handling.ReassignAsync(User, id, service, internalNote);
        TempData["Message"] = "Le signalement est confié à l'autre service.";
        // The agent no longer handles it: back to their queue.
        return await handling.CanHandleAsync(User, (await db.ServiceRequests.AsNoTracking().FirstAsync(r => r.Id == id))) ? Redirect($"/guichet/{id}") : Redirect("/guichet");
    }

    private async Task<IActionResult> ActAsync(int id, Func<Task> action, string done)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        db.ChangeTracker.Clear();
        await action();
        TempData["Message"] = done;
        return Redirect($"/guichet/{id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync() => await LoadAsync(this.RouteId()!.Value) is null;

    /// <summary>Loads the request; a 404 when it does not exist here, access denied when it belongs to another service.</summary>
    private async Task<IActionResult?> LoadAsync(int id)
    {
        var item = await db.ServiceRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && !r.AwaitingEmail);
        if (item is null) return NotFound();
        if (!await handling.CanHandleAsync(User, item)) return Forbid();
        Item = item;
        Photos = await RequestQueries.PhotosAsync(db, id, withHidden: true);
        CategoryName = await db.RequestCategories.AsNoTracking().Where(c => c.Id == item.CategoryId).Select(c => c.Name).FirstAsync();
        TerritoryName = item.TerritoryId is { } territoryId ? await db.Territories.AsNoTracking().Where(t => t.Id == territoryId).Select(t => t.Name).FirstOrDefaultAsync() : null;
        Answers = (await db.RequestAnswers.AsNoTracking().Where(a => a.RequestId == id).OrderBy(a => a.Question!.Position)
            .Select(a => new { a.Question!.Prompt, a.Question.Kind, a.Question.Choices, a.Value }).ToListAsync())
            .Select(a => new Answer(a.Prompt, ChoiceLabels(a.Kind, a.Choices, a.Value))).ToList();
        History = await db.RequestUpdates.AsNoTracking().Where(u => u.RequestId == id).OrderBy(u => u.At).ThenBy(u => u.Id).ToListAsync();
        FollowerCount = await db.RequestFollowers.CountAsync(f => f.RequestId == id);
        var email = await mails.ReporterAddressAsync(item);
        Contact = new Reporter(item.ReporterName ?? (item.AuthorId is { } authorId
            ? await db.Users.AsNoTracking().Where(u => u.Id == authorId).Select(u => (u.FirstName + " " + u.LastName).Trim()).FirstOrDefaultAsync()
            : null), email ?? item.ReporterEmail, item.AuthorId is not null);
        Services = (await handling.KnownServicesAsync()).Where(s => s != item.ServiceName).ToList();
        return null;
    }

    private static string ChoiceLabels(QuestionKind kind, string choices, string value)
    {
        if (kind is not (QuestionKind.SingleChoice or QuestionKind.MultipleChoice)) return value;
        var labels = new CategoryQuestion { Code = "", Prompt = "", Kind = kind, Choices = choices }.ChoiceList().ToDictionary(c => c.Key, c => c.Label, StringComparer.Ordinal);
        return string.Join(", ", value.Split(',').Select(k => labels.GetValueOrDefault(k, k)));
    }
}
