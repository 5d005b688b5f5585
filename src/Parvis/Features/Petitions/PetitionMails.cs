using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Petitions;

/// <summary>The e-mails of a petition's life: to its author, its sponsors and the staff who act on it.</summary>
public sealed class PetitionMails(ParvisDbContext db, PublicLinks links)
{
    public sealed record Mail(string To, string Subject, string Body);

    public async Task<List<Mail>> ThresholdAsync(Petition petition, PetitionThreshold threshold)
    {
        var (name, link) = await OrganizationAsync(petition.Id);
        var roles = threshold == PetitionThreshold.Response
            ? new[] { StaffRole.Administrator, StaffRole.Agent }
            : [StaffRole.Administrator];
        var staff = await StaffEmailsAsync(roles);
        var what = threshold == PetitionThreshold.Response
            ? $"Elle a atteint le seuil de {petition.ResponseThreshold} signatures : une réponse écrite de la collectivité est due avant le {petition.ResponseDueAt:dd/MM/yyyy}."
            : petition.ElectorMode
                ? "Elle a atteint le seuil de l'article L1112-16 du CGCT : l'accusé de réception est émis et la demande est inscrite à l'ordre du jour du conseil."
                : $"Elle a atteint le seuil de {petition.AgendaThreshold} signatures : elle est inscrite à l'ordre du jour du conseil.";
        var subject = $"{name} : la pétition « {Short(petition.Title)} » a franchi un seuil";
        var body = $"La pétition « {petition.Title} » a franchi un seuil.\n\n{what}\n\n{link}";
        var mails = staff.Select(to => new Mail(to, subject, body)).ToList();
        if (await EmailOfAsync(petition.AuthorId) is { } author && !staff.Contains(author)) mails.Add(new Mail(author, subject, body));
        return mails;
    }

    public async Task<List<Mail>> DecisionAsync(Petition petition)
    {
        var (name, link) = await OrganizationAsync(petition.Id);
        var sponsors = await db.PetitionSponsors.Where(s => s.PetitionId == petition.Id).Select(s => s.UserId).ToListAsync();
        var recipients = await EmailsOfAsync([petition.AuthorId, .. sponsors]);
        var (subject, body) = petition.Status == PetitionStatus.Rejected
            ? ($"{name} : la pétition « {Short(petition.Title)} » n'a pas été publiée",
               $"La modération n'a pas publié la pétition « {petition.Title} ».\n\nMotif : {petition.RejectionReason}")
            : ($"{name} : la pétition « {Short(petition.Title)} » est publiée",
               $"La pétition « {petition.Title} » est publiée et ouverte à la signature jusqu'au {petition.ClosesAt:dd/MM/yyyy}.\n\n{link}");
        return recipients.Select(to => new Mail(to, subject, body)).ToList();
    }

    public async Task<List<Mail>> ResponseAsync(Petition petition)
    {
        var (name, link) = await OrganizationAsync(petition.Id);
        var author = await EmailOfAsync(petition.AuthorId);
        return author is null ? [] :
        [
            new Mail(author, $"{name} : réponse officielle à votre pétition",
                $"La collectivité a publié sa réponse officielle à la pétition « {petition.Title} ».\n\n{link}"),
        ];
    }

    /// <summary>Queues messages in the caller's unit of work, for callers without an <see cref="EmailQueue"/>; the outbox worker picks them up at its next poll.</summary>
    public static void Queue(ParvisDbContext db, IEnumerable<Mail> messages, DateTime now)
    {
        foreach (var m in messages)
            db.Outbox.Add(new OutboxMessage { OrganizationId = db.TenantId, To = m.To, Subject = m.Subject, TextBody = m.Body, CreatedAt = now, NextAttemptAt = now });
    }

    private async Task<(string Name, string Link)> OrganizationAsync(int petitionId)
    {
        var name = await db.Organizations.Where(o => o.Id == db.TenantId).Select(o => o.Name).FirstAsync();
        return (name, links.To($"/petitions/{petitionId}"));
    }

    private async Task<List<string>> StaffEmailsAsync(StaffRole[] roles)
    {
        var ids = await db.RoleAssignments.Where(r => roles.Contains(r.Role)).Select(r => r.UserId).Distinct().ToListAsync();
        return await EmailsOfAsync(ids);
    }

    private async Task<string?> EmailOfAsync(Guid userId) => (await EmailsOfAsync([userId])).FirstOrDefault();

    private Task<List<string>> EmailsOfAsync(List<Guid> ids) =>
        db.Users.Where(u => ids.Contains(u.Id) && u.EmailConfirmed && u.Email != null)
            .Select(u => u.Email!).Distinct().ToListAsync();

    private static string Short(string title) => title.Length <= 60 ? title : title[..57] + "…";
}
