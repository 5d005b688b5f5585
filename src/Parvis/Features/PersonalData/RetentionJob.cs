using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Cluster;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.PersonalData;

/// <summary>
/// Applies each organization's retention settings, once per period for the whole installation: IP addresses of
/// rate-limit refusals, private e-mails of contributors without an account (and their contributions never
/// confirmed), and accounts without a sign-in for
/// too long (warned by e-mail a month before, then anonymised like a deletion that keeps the contributions).
/// Staff accounts are never anonymised. Each organization runs in its own scope with its own tenant, so the
/// query filters and the audit log work as in a request.
/// </summary>
public sealed class RetentionJob(IConfiguration configuration, TimeProvider clock) : PerOrganizationJob
{
    /// <summary>Moderators see a month of refusals whatever the IP setting (without the address once it is erased).</summary>
    public const int RefusalMinimumDays = 30;

    public override string Name => "retention";

    public override TimeSpan Interval => configuration.GetValue("Jobs:RetentionInterval", TimeSpan.FromHours(1));

    protected override async Task RunForAsync(Organization organization, IServiceProvider services, CancellationToken token)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var settings = organization.Retention;
        var now = clock.GetUtcNow().UtcDateTime;

        var ipCutoff = now.AddDays(-settings.FraudIpDays);
        await db.RateLimitEvents.Where(e => e.IpAddress != null && e.LastAt < ipCutoff).ExecuteUpdateAsync(s => s.SetProperty(e => e.IpAddress, (string?)null), token);
        var forgotten = now.AddDays(-DataRegister.RefusalDays(settings));
        // A refusal without an address or an account says nothing any more.
        await db.RateLimitEvents.Where(e => e.LastAt < forgotten || (e.IpAddress == null && e.UserId == null)).ExecuteDeleteAsync(token);

        var emailCutoff = now.AddDays(-settings.AnonymousEmailDays);
        await db.Contributions.Where(c => c.ContactEmail != null && c.CreatedAt < emailCutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ContactEmail, (string?)null), token);
        await UnconfirmedContributionsAsync(db, services, now, token);
        await RequestPersonalData.RetainAsync(db, services.GetRequiredService<Infrastructure.Files.IFileStorage>(), organization, now, token);
        await SignaturesAsync(db, now, settings, token);
        await Meetings.MeetingPersonalData.RetainAsync(db, now, token);

        await InactiveAccountsAsync(organization, services, now, token);
    }

    // Posted without an account and never confirmed: never public, so nothing to keep once the link has expired.
    private static async Task UnconfirmedContributionsAsync(ParvisDbContext db, IServiceProvider services, DateTime now, CancellationToken token)
    {
        var before = now - Contributions.AnonymousContributions.LinkLifetime - TimeSpan.FromDays(1);
        var stale = db.Contributions.Where(c => c.State == ModerationState.AwaitingEmail && c.CreatedAt < before);
        var files = await db.StoredFiles.Where(f => f.ContributionId != null && stale.Any(c => c.Id == f.ContributionId)).ToListAsync(token);
        var storage = services.GetRequiredService<Files.FileCommands>();
        foreach (var file in files) await storage.DiscardAsync(file);
        db.StoredFiles.RemoveRange(files);
        await db.SaveChangesAsync(token);
        await stale.ExecuteDeleteAsync(token);
    }

    // A petition signature: never confirmed once its link is dead, it goes (it never counted); the address it came from
    // is kept for fraud control as long as other addresses; the e-mail as typed served the link only. What stays is
    // the canonical address (one signature per person), the name and commune (the elector-mode export), until the account
    // is erased (SignatureErasure).
    private static async Task SignaturesAsync(ParvisDbContext db, DateTime now, RetentionSettings settings, CancellationToken token)
    {
        var before = now - PetitionSignature.LinkLifetime - TimeSpan.FromDays(1);
        await db.PetitionSignatures.Where(s => s.ConfirmedAt == null && s.InvalidatedAt == null && s.LinkSentAt < before).ExecuteDeleteAsync(token);
        var ipCutoff = now.AddDays(-settings.FraudIpDays);
        await db.PetitionSignatures.Where(s => s.IpAddress != "" && s.CreatedAt < ipCutoff).ExecuteUpdateAsync(s => s.SetProperty(x => x.IpAddress, ""), token);
        var emailCutoff = now.AddDays(-settings.AnonymousEmailDays);
        await db.PetitionSignatures.Where(s => s.Email != "" && s.ConfirmedAt != null && s.ConfirmedAt < emailCutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Email, ""), token);
    }

    private static async Task InactiveAccountsAsync(Organization organization, IServiceProvider services, DateTime now, CancellationToken token)
    {
        var db = services.GetRequiredService<ParvisDbContext>();
        var settings = organization.Retention;
        // Everyone whose warning could be due: inactive for the period less the notice.
        var warnFrom = now.AddMonths(-settings.InactiveAccountMonths) + RetentionSettings.WarningNotice;
        var noticeServed = now - RetentionSettings.WarningNotice;
        var candidates = await db.Users
            .Where(u => !u.IsPlatformOperator && !db.RoleAssignments.Any(r => r.UserId == u.Id) && (u.LastSignInAt < warnFrom || (u.LastSignInAt == null && u.CreatedAt < warnFrom)))
            // Those warned less than the notice ago have nothing due: left out, so they never fill the batch.
            .Where(u => u.InactivityWarnedAt == null || u.InactivityWarnedAt < noticeServed || u.InactivityWarnedAt < (u.LastSignInAt ?? u.CreatedAt))
            // A batch per run: a first run on an old installation spreads over the following hours.
            .OrderBy(u => u.Id).Take(500).ToListAsync(token);
        if (candidates.Count == 0) return;
        var eraser = services.GetRequiredService<AccountEraser>();
        var mail = services.GetRequiredService<EmailQueue>();
        var links = services.GetRequiredService<PublicLinks>();
        foreach (var user in candidates)
        {
            var lastActivity = user.LastSignInAt ?? user.CreatedAt;
            if (settings.AnonymisationDue(lastActivity, user.InactivityWarnedAt, now))
            {
                await eraser.EraseAsync(user, eraseContributions: false, "account.anonymise-inactive", "système");
            }
            else if (settings.WarningDue(lastActivity, user.InactivityWarnedAt, now) && user.Email is { } email)
            {
                user.InactivityWarnedAt = now;
                mail.Enqueue(email, $"{organization.Name} : votre compte sera anonymisé dans un mois",
                    $"Bonjour {user.Pseudonym},\n\nVous ne vous êtes pas connecté à l'espace de participation de {organization.Name} depuis {settings.InactiveAccountMonths} mois. " +
                    "Sans connexion d'ici un mois, votre compte sera anonymisé : votre adresse et votre nom seront effacés, vos contributions resteront en ligne sous « Participant supprimé ».\n\n" +
                    $"Pour garder votre compte, il suffit de vous connecter :\n{links.To("/compte/connexion")}\n\nPour télécharger vos données avant : {links.To("/compte/donnees")}\n");
                await db.SaveChangesAsync(token);
                mail.Flush();
            }
        }
    }
}
