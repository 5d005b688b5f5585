using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Tenancy;
using Parvis.Resources;

namespace Parvis.Features.Notifications;

/// <summary>
/// The e-mails of notifications, in the person's language: one notice at once, or a digest. Each carries the one-click
/// unsubscribe of its kinds (a data-protected token in the link, RFC 8058) and the link to the preferences.
/// </summary>
public sealed class NotificationMail(IDataProtectionProvider protection, IStringLocalizer<SharedResource> localizer, PublicLinks links)
{
    public const string PreferencesPath = "/compte/notifications/preferences";
    private const string Purpose = "Parvis.Notifications.Unsubscribe";

    public sealed record Item(NotificationKind Kind, string Title, string Path);

    public sealed record Mail(string Subject, string Body, string UnsubscribeUrl);

    /// <summary>The sentence that tells a notice, in the site and in e-mails (a French key, translated where shown).</summary>
    public static string Sentence(NotificationKind kind) => kind switch
    {
        NotificationKind.OfficialResponse => "La collectivité a publié une réponse officielle : « {0} ».",
        NotificationKind.NewComment => "Nouveau commentaire sur « {0} ».",
        NotificationKind.StateChange => "« {0} » a changé d'état.",
        NotificationKind.PetitionThreshold => "La pétition « {0} » a franchi un seuil de signatures.",
        _ => "Nouvelle contribution dans « {0} ».",
    };

    public Mail Immediate(Organization organization, Guid userId, string language, Item item) =>
        InLanguage(language, () =>
        {
            var unsubscribe = UnsubscribeUrl(organization.Id, userId, [item.Kind]);
            var subject = $"{organization.Name} : {T(Notification.Label(item.Kind))} — {item.Title}";
            var body = $"{T("Bonjour,")}\n\n{T(Sentence(item.Kind), item.Title)}\n{links.To(item.Path)}\n\n{Footer(unsubscribe, [item.Kind])}";
            return new Mail(subject, body, unsubscribe);
        });

    public Mail Digest(Organization organization, Guid userId, string language, IReadOnlyList<Item> items) =>
        InLanguage(language, () =>
        {
            var kinds = items.Select(i => i.Kind).Distinct().Order().ToArray();
            var unsubscribe = UnsubscribeUrl(organization.Id, userId, kinds);
            var culture = CultureInfo.CurrentUICulture;
            var count = Plurals.IsOne(items.Count, culture)
                ? T("{0} nouvelle notification", items.Count) : T("{0} nouvelles notifications", items.Count);
            var lines = string.Join("\n\n", items.Select(i => $"- {T(Sentence(i.Kind), i.Title)}\n  {links.To(i.Path)}"));
            var body = $"{T("Bonjour,")}\n\n{T("Voici ce qui s'est passé sur ce que vous suivez :")}\n\n{lines}\n\n{Footer(unsubscribe, kinds)}";
            return new Mail($"{organization.Name} : {count}", body, unsubscribe);
        });

    /// <summary>Who and what a token unsubscribes, if it is genuine and of this organization; null otherwise.</summary>
    public (Guid UserId, NotificationKind[] Kinds)? Read(int organizationId, string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            var parts = protection.CreateProtector(Purpose).Unprotect(token).Split('|');
            if (parts.Length != 3 || parts[0] != organizationId.ToString(CultureInfo.InvariantCulture)) return null;
            var kinds = parts[2].Split(',').Select(k => Enum.Parse<NotificationKind>(k)).ToArray();
            return (Guid.Parse(parts[1]), kinds);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    public string UnsubscribeUrl(int organizationId, Guid userId, IEnumerable<NotificationKind> kinds)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{organizationId}|{userId:N}|{string.Join(',', kinds)}");
        return links.To("/notifications/desabonnement?t=" + protection.CreateProtector(Purpose).Protect(payload));
    }

    private string Footer(string unsubscribe, NotificationKind[] kinds) =>
        $"{T("Vous recevez ce message parce que vous suivez ces éléments sur le site.")}\n"
        + $"{T("Ne plus recevoir ces e-mails ({0}) :", string.Join(", ", kinds.Select(k => T(Notification.Label(k)))))} {unsubscribe}\n"
        + $"{T("Choisir ce que vous recevez :")} {links.To(PreferencesPath)}";

    private string T(string french, params object[] values) => localizer.GetString(french, values);

    private static Mail InLanguage(string language, Func<Mail> compose)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language == "en" ? Infrastructure.Web.Cultures.English : Infrastructure.Web.Cultures.French);
        try
        {
            return compose();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
