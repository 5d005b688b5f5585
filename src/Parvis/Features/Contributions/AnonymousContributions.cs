using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Tenancy;
using Parvis.Resources;

namespace Parvis.Features.Contributions;

/// <summary>
/// Contributions without an account in a space that asks for a confirmed e-mail: the contribution waits,
/// unseen, until its author follows the link sent to that address. The address stays private (never shown,
/// not even to moderators) and is forgotten by the retention job.
/// </summary>
public sealed class AnonymousContributions(ParvisDbContext db, EmailQueue mail, TenantContext tenant, PublicLinks links, IDataProtectionProvider protection,
    TimeProvider clock, IStringLocalizer<SharedResource> text)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("Parvis.AnonymousContribution").ToTimeLimitedDataProtector();

    public static string ValidEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0) throw new DomainException("Indiquez votre adresse e-mail : un lien vous sera envoyé pour confirmer votre contribution.");
        if (trimmed.Length > 256 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('.', StringComparison.Ordinal))
            throw new DomainException("L'adresse e-mail n'est pas valide.");
        return trimmed;
    }

    public void QueueConfirmation(Contribution contribution, string email, string consultationTitle)
    {
        var token = Protector.Protect($"{tenant.OrganizationId}:{contribution.Id.ToString(CultureInfo.InvariantCulture)}", clock.GetUtcNow().Add(LinkLifetime));
        var link = links.To($"/contributions/{contribution.Id}/confirmer?jeton={Uri.EscapeDataString(token)}");
        mail.Enqueue(email, text["{0} : confirmez votre contribution", tenant.Organization.Name],
            $"{text["Bonjour,"]}\n\n{text["Vous avez déposé une contribution à « {0} ». Pour qu'elle soit publiée, ouvrez ce lien dans les 7 jours :", consultationTitle]}\n{link}\n\n{text["Si vous n'avez rien déposé, ignorez ce message : rien ne sera publié."]}");
    }

    public void Flush() => mail.Flush();

    /// <summary>Publishes the contribution the link names (or sends it to moderation); a link of another item, organization or age is refused.</summary>
    public async Task<Contribution> ConfirmAsync(int contributionId, string? token)
    {
        string payload;
        try
        {
            payload = Protector.Unprotect(token ?? "", out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new DomainException("Ce lien de confirmation n'est pas valable ou a expiré : déposez à nouveau votre contribution.");
        }
        if (payload != $"{tenant.OrganizationId}:{contributionId.ToString(CultureInfo.InvariantCulture)}")
            throw new DomainException("Ce lien de confirmation n'est pas valable ou a expiré : déposez à nouveau votre contribution.");
        var contribution = await db.Contributions.Include(c => c.Consultation).FirstOrDefaultAsync(c => c.Id == contributionId)
            ?? throw new DomainException("Cette contribution n'existe plus.");
        if (contribution.State != ModerationState.AwaitingEmail) return contribution;
        // A link followed after the contributions closed publishes nothing.
        contribution.Consultation!.EnsureOpenFor(ParticipationAction.Contribute, clock.GetUtcNow().UtcDateTime, tenant.Organization.ToLocal);
        for (var attempt = 0; ; attempt++)
        {
            var consultation = contribution.Consultation!;
            contribution.ConfirmEmail(consultation.Rules.PreModeration);
            // In a public inquiry the register numbers what counts: the observation is numbered now, not when it was
            // posted, so unconfirmed ones (deleted after a week) leave no gap.
            if (consultation.LegalFrame == LegalFrame.PublicInquiry) contribution.RegisterNumber = consultation.NextRegisterNumber();
            try
            {
                await db.SaveChangesAsync();
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Another observation took the number: read the counter again.
                db.ChangeTracker.Clear();
                contribution = await db.Contributions.Include(c => c.Consultation).FirstAsync(c => c.Id == contributionId);
            }
        }
        return contribution;
    }
}
