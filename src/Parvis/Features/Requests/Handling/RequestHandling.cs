using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Handling;

/// <summary>Whose queue a person sees: an agent their service's, an administrator every service or the one picked.</summary>
public sealed record HandlingScope(bool IsAdministrator, string? Service)
{
    /// <summary>An agent whose role names no service sees nothing.</summary>
    public bool SeesNothing => !IsAdministrator && Service is null;
}

/// <summary>
/// What a service does with its requests: move them along the status graph (one or many at once), write a
/// public message or an internal note, hand them to another service. Each command is one transaction with
/// its audit entries and the e-mails of its public updates.
/// </summary>
public sealed partial class RequestHandling(ParvisDbContext db, IAuthorizationService authorization, TimeProvider clock, AuditLog audit,
    RequestMail mails, EmailQueue queue)
{
    public const int PageSize = 25;

    /// <summary>The statuses a bulk action may apply: the everyday moves, none needing a reason or an original.</summary>
    public static readonly RequestStatus[] BulkStatuses = [RequestStatus.Acknowledged, RequestStatus.InProgress, RequestStatus.Resolved];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<HandlingScope> ScopeAsync(ClaimsPrincipal user, string? picked = null)
    {
        // The policy, not the role alone: it carries the staff second factor.
        if (!(await authorization.AuthorizeAsync(user, Policies.Answer)).Succeeded) return new(false, null);
        if (user.IsInRole(nameof(StaffRole.Administrator))) return new(true, string.IsNullOrWhiteSpace(picked) ? null : picked.Trim());
        return new(false, await ServiceStaffHandler.AgentServiceAsync(db, user));
    }

    /// <summary>Administrators, and the agents of the service the request is with.</summary>
    public async Task<bool> CanHandleAsync(ClaimsPrincipal user, ServiceRequest request)
    {
        // The policy, not the role alone: it carries the staff second factor.
        return (await authorization.AuthorizeAsync(user, Policies.Answer)).Succeeded
            && (await authorization.AuthorizeAsync(user, request, ServiceStaffRequirement.Instance)).Succeeded;
    }

    /// <summary>The services a request may go to: those categories route to, and those agents belong to.</summary>
    public async Task<List<string>> KnownServicesAsync()
    {
        var fromCategories = await db.RequestCategories.Select(c => c.ServiceName).Distinct().ToListAsync();
        var fromAgents = await db.RoleAssignments.Where(r => r.Role == StaffRole.Agent && r.ServiceName != null).Select(r => r.ServiceName!).Distinct().ToListAsync();
        return fromCategories.Concat(fromAgents).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The requests a scope sees (not those still waiting for their author's e-mail).</summary>
    public IQueryable<ServiceRequest> Visible(HandlingScope scope)
    {
        var query = db.ServiceRequests.Where(r => !r.AwaitingEmail);
        return scope.Service is { } service ? query.Where(r => r.ServiceName == service) : query;
    }

    public async Task MoveAsync(ClaimsPrincipal user, int requestId, RequestStatus? to, string? publicText, string? internalNote, string? duplicateOf)
    {
        var request = await HandledAsync(user, requestId);
        if (to is not { } status) throw new DomainException("Choisissez le nouveau statut.");
        ServiceRequest? original = null;
        if (status == RequestStatus.Duplicate) original = await OriginalAsync(duplicateOf);
        var update = Move(user, request, status, publicText, internalNote, original);
        await mails.NotifyAsync(request, update);
        await db.SaveChangesAsync();
        queue.Flush();
    }

    /// <summary>All the selected requests move, or none: the message names the first that cannot.</summary>
    public async Task<int> MoveManyAsync(ClaimsPrincipal user, IReadOnlyCollection<int> ids, RequestStatus? to, string? publicText)
    {
        if (ids.Count == 0) throw new DomainException("Cochez au moins un signalement.");
        if (to is not { } status || !BulkStatuses.Contains(status)) throw new DomainException("Choisissez l'action à appliquer aux signalements cochés.");
        var scope = await ScopeAsync(user);
        if (scope.SeesNothing) throw new DomainException("Votre rôle d'agent n'est rattaché à aucun service.");
        var wanted = ids.Distinct().Order().ToList();
        var requests = await Visible(scope).Where(r => wanted.Contains(r.Id)).ToListAsync();
        if (wanted.FirstOrDefault(id => requests.All(r => r.Id != id)) is var missing and > 0)
            throw DomainException.WithValues("Aucun signalement n'a changé : le signalement n° {0} n'est pas dans votre file.", missing);
        var updates = new List<(ServiceRequest Request, RequestUpdate Update)>();
        foreach (var request in requests.OrderBy(r => r.Id))
        {
            try
            {
                updates.Add((request, Move(user, request, status, publicText, null, null)));
            }
            catch (DomainException e)
            {
                throw DomainException.WithValues("Aucun signalement n'a changé : le signalement n° {0} ne peut pas passer à « {1} » ({2}).", request.Id, ServiceRequest.Label(status), e.Message);
            }
        }
        foreach (var (request, update) in updates) await mails.NotifyAsync(request, update);
        await db.SaveChangesAsync();
        queue.Flush();
        return requests.Count;
    }

    public async Task CommentAsync(ClaimsPrincipal user, int requestId, string? publicText, string? internalNote)
    {
        var request = await HandledAsync(user, requestId);
        var update = request.Comment(Now, user.UserId() ?? Guid.Empty, request.ServiceName, publicText, internalNote);
        audit.Record("request.comment", nameof(ServiceRequest), request.Id, update.PublicText is null ? "note interne" : "message public");
        await mails.NotifyAsync(request, update);
        await db.SaveChangesAsync();
        queue.Flush();
    }

    /// <summary>Hands the request to another service: it leaves this queue for theirs; an internal note keeps the trace in its history.</summary>
    public async Task ReassignAsync(ClaimsPrincipal user, int requestId, string? service, string? internalNote)
    {
        var request = await HandledAsync(user, requestId);
        var target = service?.Trim();
        if (string.IsNullOrEmpty(target) || !(await KnownServicesAsync()).Contains(target, StringComparer.Ordinal))
            throw new DomainException("Choisissez un service de la liste.");
        var from = request.ServiceName;
        request.Reassign(target, Now);
        var note = string.IsNullOrWhiteSpace(internalNote) ? $"Confié au {target} (venant du {from})." : $"Confié au {target} (venant du {from}) : {internalNote.Trim()}";
        request.Comment(Now, user.UserId() ?? Guid.Empty, from, null, note.Length > ServiceRequest.MaxReason ? note[..ServiceRequest.MaxReason] : note);
        audit.Record("request.reassign", nameof(ServiceRequest), request.Id, $"{from} → {target}");
        await db.SaveChangesAsync();
    }

    private RequestUpdate Move(ClaimsPrincipal user, ServiceRequest request, RequestStatus to, string? publicText, string? internalNote, ServiceRequest? original)
    {
        var from = request.Status;
        var update = request.MoveTo(to, Now, user.UserId(), request.ServiceName, publicText, internalNote, original);
        audit.Record("request.status", nameof(ServiceRequest), request.Id,
            $"{ServiceRequest.Label(from)} → {ServiceRequest.Label(to)}" + (original is null ? "" : $" (doublon du n° {original.Id})"));
        return update;
    }

    private async Task<ServiceRequest> HandledAsync(ClaimsPrincipal user, int requestId)
    {
        var request = await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == requestId && !r.AwaitingEmail)
            ?? throw new DomainException("Ce signalement n'existe pas.");
        if (!await CanHandleAsync(user, request)) throw new DomainException("Ce signalement est confié à un autre service.");
        return request;
    }

    /// <summary>The original of a duplicate, given as its number, "n° 12", or the address of its page.</summary>
    private async Task<ServiceRequest> OriginalAsync(string? reference)
    {
        var match = string.IsNullOrWhiteSpace(reference) ? null : LastNumber().Match(reference);
        if (match is not { Success: true } || !int.TryParse(match.Value, System.Globalization.CultureInfo.InvariantCulture, out var id))
            throw new DomainException("Indiquez le numéro ou l'adresse du signalement original.");
        return await db.ServiceRequests.FirstOrDefaultAsync(r => r.Id == id && !r.AwaitingEmail)
            ?? throw DomainException.WithValues("Le signalement n° {0} n'existe pas.", id);
    }

    [GeneratedRegex(@"\d{1,9}(?=\D*$)")]
    private static partial Regex LastNumber();
}
