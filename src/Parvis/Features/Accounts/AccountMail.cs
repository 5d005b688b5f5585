using Microsoft.Extensions.Localization;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Resources;

namespace Parvis.Features.Accounts;

/// <summary>
/// What an account's owner is told by e-mail about their account: someone tried to sign up with their address,
/// the account was locked, a security setting changed. Queued in the caller's transaction; written in the
/// language of the request.
/// </summary>
public sealed class AccountMail(EmailQueue mail, TenantContext tenant, PublicLinks links, IStringLocalizer<SharedResource> text)
{
    private string Organization => tenant.Organization.Name;

    public string Link(string path) => links.To(path);

    public void ConfirmAddress(ParvisUser user, string link) =>
        mail.Enqueue(user.Email!, text["{0} : confirmez votre adresse e-mail", Organization],
            $"{text["Bonjour {0},", user.Pseudonym]}\n\n{text["Pour activer votre compte, ouvrez ce lien :"]}\n{link}\n\n" +
            text["Si vous n'avez rien demandé, ignorez ce message."]);

    /// <summary>Sign-up answers the same for a taken address; its owner alone learns of the attempt.</summary>
    public void SignUpWithYourAddress(ParvisUser owner) =>
        mail.Enqueue(owner.Email!, text["{0} : tentative d'inscription avec votre adresse", Organization],
            $"{text["Bonjour {0},", owner.Pseudonym]}\n\n" +
            $"{text["Quelqu'un, peut-être vous, a voulu créer un compte avec cette adresse. Vous avez déjà un compte : connectez-vous ici :"]}\n" +
            $"{Link("/compte/connexion")}\n\n{text["Mot de passe oublié ? Choisissez-en un nouveau ici :"]}\n" +
            $"{Link("/compte/mot-de-passe-oublie")}\n\n{text["Si ce n'était pas vous, ignorez ce message : votre compte n'a pas changé."]}");

    public void LockedOut(ParvisUser owner) =>
        mail.Enqueue(owner.Email!, text["{0} : votre compte est bloqué pour un moment", Organization],
            $"{text["Bonjour {0},", owner.Pseudonym]}\n\n" +
            $"{text["Après plusieurs mots de passe erronés, votre compte est bloqué pendant 15 minutes."]}\n\n" +
            $"{text["Si ce n'était pas vous, quelqu'un essaie peut-être de deviner votre mot de passe : choisissez-en un nouveau, long et unique :"]}\n" +
            Link("/compte/mot-de-passe-oublie"));

    /// <summary>A change of the account's security, told to its address so that an intruder's change does not go unseen.</summary>
    public void SecurityChanged(string to, string pseudonym, string change) =>
        mail.Enqueue(to, text["{0} : modification de votre compte", Organization],
            $"{text["Bonjour {0},", pseudonym]}\n\n{text[change]}\n\n" +
            $"{text["Si ce n'était pas vous, choisissez tout de suite un nouveau mot de passe :"]}\n" +
            Link("/compte/mot-de-passe-oublie"));

    public void ConfirmNewAddress(string to, string pseudonym, string link) =>
        mail.Enqueue(to, text["{0} : confirmez votre nouvelle adresse e-mail", Organization],
            $"{text["Bonjour {0},", pseudonym]}\n\n{text["Pour que cette adresse devienne celle de votre compte, ouvrez ce lien :"]}\n{link}\n\n" +
            text["Si vous n'avez rien demandé, ignorez ce message."]);

    public void Flush() => mail.Flush();
}
