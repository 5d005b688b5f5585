using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Councils;

/// <summary>
/// Agenda items residents propose to a council (at its participation level), and the answer of its secretary or
/// animators: accepted or declined with a reason, shown on the council's page to the author and e-mailed to them.
/// </summary>
public sealed class CouncilAgenda(ParvisDbContext db, AuditLog audit, TimeProvider clock, EmailQueue mail, PublicLinks links,
    IAuthorizationService authorization, TenantContext tenant)
{
    public async Task<CouncilAgendaItem> ProposeAsync(ClaimsPrincipal user, Council council, string? title, string? body)
    {
        await EnsureAllowedAsync(authorization, user, council, ParticipationAction.Propose);
        var item = CouncilAgendaItem.Propose(council.Id, user.UserId() ?? throw new DomainException("Connectez-vous pour participer."),
            title, body, clock.GetUtcNow().UtcDateTime);
        db.CouncilAgendaItems.Add(item);
        await db.SaveChangesAsync();
        return item;
    }

    /// <summary>Accepts or declines an item; the author is told by e-mail (outbox, same transaction) and on the council's page.</summary>
    public async Task DecideAsync(ClaimsPrincipal decider, int councilId, int itemId, bool accept, string? reason)
    {
        var item = await db.CouncilAgendaItems.FirstOrDefaultAsync(i => i.Id == itemId && i.CouncilId == councilId)
            ?? throw new DomainException("Ce point n'existe pas.");
        var now = clock.GetUtcNow().UtcDateTime;
        item.Decide(accept, reason, decider.UserId() ?? throw new DomainException("Connectez-vous."), now);
        audit.Record(accept ? "council.agenda.accept" : "council.agenda.decline", "CouncilAgendaItem", item.Id, item.Reason);
        var author = item.AuthorId is { } authorId
            ? await db.Users.Where(u => u.Id == authorId && u.EmailConfirmed && u.Email != null).Select(u => u.Email).FirstOrDefaultAsync()
            : null;
        if (author is not null)
        {
            var council = await db.Councils.Where(c => c.Id == councilId).Select(c => c.Name).FirstAsync();
            var answer = accept ? "est retenu pour l'ordre du jour" : "n'est pas retenu";
            var why = item.Reason is null ? "" : $"\n\n{(accept ? "Précision" : "Motif")} : {item.Reason}";
            mail.Enqueue(author, $"{tenant.Organization.Name} : votre point « {Short(item.Title)} » {answer}",
                $"Le point que vous avez proposé au {council}, « {item.Title} », {answer}.{why}\n\n{links.To($"/conseils/{councilId}")}");
        }
        await db.SaveChangesAsync();
        mail.Flush();
    }

    /// <summary>The participation rules of the council, checked by the one participation handler.</summary>
    public static async Task<ParticipationRefusal?> RefusalAsync(IAuthorizationService authorization, ClaimsPrincipal user, Council council, ParticipationAction action)
    {
        var result = await authorization.AuthorizeAsync(user, council, new ParticipationRequirement(action));
        if (result.Succeeded) return null;
        return result.Failure?.FailureReasons.OfType<ParticipationRefusal>().FirstOrDefault()
            ?? throw new DomainException("Vous ne pouvez pas participer ici.");
    }

    public static async Task EnsureAllowedAsync(IAuthorizationService authorization, ClaimsPrincipal user, Council council, ParticipationAction action)
    {
        if (await RefusalAsync(authorization, user, council, action) is { } refusal) throw refusal.Reason;
    }

    private static string Short(string title) => title.Length <= 60 ? title : title[..57] + "…";
}
