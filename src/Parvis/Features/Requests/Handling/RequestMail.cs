using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Requests.Handling;

/// <summary>
/// The e-mails of a request's follow-up: each public update to the reporter and every follower, a
/// reopening to the service, and the "est-ce réglé ?" question with its long-lived link. Messages are
/// outbox rows of the caller's unit of work; internal notes never go into them.
/// </summary>
public sealed class RequestMail(ParvisDbContext db, IDataProtectionProvider protection, TimeProvider clock, Reporting.RequestFollowing following, PublicLinks links)
{
    public static readonly TimeSpan FixCheckLifetime = TimeSpan.FromDays(60);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Parvis.RequestFixCheck").ToTimeLimitedDataProtector();

    private string PublicUrl(int requestId) => links.To($"/signalements/{requestId}");

    /// <summary>One message per reporter and follower for a public update (a change of status or a public message).</summary>
    public async Task NotifyAsync(ServiceRequest request, RequestUpdate update, bool toReporter = true)
    {
        if (!update.IsPublic) return;
        var organization = await OrganizationNameAsync();
        var category = await CategoryNameAsync(request.CategoryId);
        var what = update.IsReopening ? "rouvert par son auteur" : update.Status is { } moved ? $"« {ServiceRequest.Label(moved)} »" : null;
        var subject = what is null
            ? $"{organization} : nouveau message sur le signalement n° {request.Id}"
            : $"{organization} : signalement n° {request.Id} {(update.IsReopening ? what : "— " + what)}";
        var body = $"Bonjour,\n\nLe signalement n° {request.Id} ({category}) "
            + (what is null ? "a reçu un nouveau message." : update.IsReopening ? "a été rouvert : son auteur indique que le problème n'est pas réglé." : $"est maintenant {what}.")
            + (update.PublicText is null ? "" : $"\n\nMessage {(update.IsReopening ? "de l'auteur" : "du " + update.Signature)} :\n{update.PublicText}")
            + $"\n\nVoir le signalement : {PublicUrl(request.Id)}"
            + "\n\nVous recevez ce message parce que vous avez fait ou suivez ce signalement.";
        // A request hidden by moderation is out of public view: its followers hear nothing more, only its reporter.
        var (accounts, emails) = request.IsHidden ? ([], []) : await FollowerAddressesAsync(request.Id);
        if (toReporter && await ReporterAddressAsync(request) is { } reporter) accounts.Add(reporter);
        var sent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var address in accounts.Where(sent.Add)) Enqueue(address, subject, body);
        // A follower without an account stops by a link of their own; an account stops from the request's page.
        foreach (var address in emails.Where(sent.Add))
            Enqueue(address, subject, body + $"\n\nPour ne plus suivre ce signalement : {following.StopLink(request.Id, address)}");
    }

    /// <summary>A reopening reaches the service's agents too: the request is back in their queue.</summary>
    public async Task NotifyServiceAsync(ServiceRequest request, RequestUpdate update)
    {
        var agentIds = db.RoleAssignments.Where(r => r.Role == StaffRole.Agent && r.ServiceName == request.ServiceName).Select(r => r.UserId);
        var addresses = await db.Users.AsNoTracking().Where(u => u.EmailConfirmed && u.Email != null && agentIds.Contains(u.Id)).Select(u => u.Email!).ToListAsync();
        var subject = $"{await OrganizationNameAsync()} : le signalement n° {request.Id} est rouvert";
        var body = $"Bonjour,\n\nL'auteur du signalement n° {request.Id} indique que le problème n'est pas réglé ; le signalement revient dans la file du {request.ServiceName}."
            + (update.PublicText is null ? "" : $"\n\nSon message :\n{update.PublicText}")
            + $"\n\nTraiter le signalement : {links.To($"/guichet/{request.Id}")}";
        foreach (var address in addresses.Distinct(StringComparer.OrdinalIgnoreCase)) Enqueue(address, subject, body);
    }

    /// <summary>"Votre signalement n° … est-il réglé ?", with a link valid <see cref="FixCheckLifetime"/>.</summary>
    public void QueueFixCheck(ServiceRequest request, string address, string organizationName)
    {
        var link = $"{PublicUrl(request.Id)}/regle?jeton={Uri.EscapeDataString(FixCheckToken(request))}";
        Enqueue(address, $"{organizationName} : votre signalement n° {request.Id} est-il réglé ?",
            $"Bonjour,\n\nVotre signalement n° {request.Id} a été marqué résolu. Le problème est-il vraiment réglé ?\n\nDites-le-nous (le lien reste valable 60 jours) :\n{link}\n\n"
            + "Si ce n'est pas réglé, vous pourrez rouvrir le signalement : il reviendra au service concerné.");
    }

    public string FixCheckToken(ServiceRequest request) =>
        Protector.Protect(Payload(request.OrganizationId, request.Id), clock.GetUtcNow().Add(FixCheckLifetime));

    /// <summary>Whether the token is the one mailed for this request of this organization, not expired.</summary>
    public bool IsFixCheckToken(int organizationId, int requestId, string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        try
        {
            return Protector.Unprotect(token, out _) == Payload(organizationId, requestId);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The reporter's address: the account's when it has one (confirmed), else the one given with the report.</summary>
    public async Task<string?> ReporterAddressAsync(ServiceRequest request)
    {
        if (request.AuthorId is { } authorId)
            return await db.Users.AsNoTracking().Where(u => u.Id == authorId && u.EmailConfirmed).Select(u => u.Email).FirstOrDefaultAsync();
        return request.AwaitingEmail ? null : request.ReporterEmail;
    }

    private async Task<(List<string> Accounts, List<string> Emails)> FollowerAddressesAsync(int requestId)
    {
        var followers = db.RequestFollowers.Where(f => f.RequestId == requestId);
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.EmailConfirmed && u.Email != null && followers.Any(f => f.UserId == u.Id)).Select(u => u.Email!).ToListAsync();
        var emails = await followers.Where(f => f.Email != null).Select(f => f.Email!).ToListAsync();
        return (accounts, emails);
    }

    private void Enqueue(string to, string subject, string body)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutboxMessage { OrganizationId = db.TenantId, To = to, Subject = subject, TextBody = body, CreatedAt = now, NextAttemptAt = now });
    }

    private Task<string> OrganizationNameAsync() => db.Organizations.AsNoTracking().Where(o => o.Id == db.TenantId).Select(o => o.Name).FirstAsync();

    private Task<string> CategoryNameAsync(int categoryId) => db.RequestCategories.AsNoTracking().Where(c => c.Id == categoryId).Select(c => c.Name).FirstAsync();

    private static string Payload(int organizationId, int requestId) =>
        $"{organizationId.ToString(CultureInfo.InvariantCulture)}:{requestId.ToString(CultureInfo.InvariantCulture)}";
}
