using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;
using Parvis.Domain;

namespace Parvis.Features.PersonalData;

/// <summary>A French text with values, translated where it is shown (the template is the key).</summary>
public sealed record Phrase(string Template, params object[] Values)
{
    public static implicit operator Phrase(string text) => new(text);
}

/// <summary>One processing activity (art. 30 GDPR): what, why, on which legal basis, seen by whom, kept how long.</summary>
public sealed record Processing(Phrase Name, Phrase Purpose, Phrase LegalBasis, Phrase Data, Phrase Recipients, Phrase Retention);

/// <summary>
/// The register of processing activities, made from the organization's settings and the facts of the code
/// (what each feature stores and when the jobs forget it). The registre page and the privacy page both read it,
/// so changing a setting changes both.
/// </summary>
public sealed class DataRegister(IConfiguration configuration)
{
    private const string PublicMission = "Mission d'intérêt public (art. 6.1.e du RGPD) : associer les habitants aux décisions de la collectivité";
    private const string Consent = "Consentement (art. 6.1.a du RGPD) : la personne choisit de le faire";
    private const string Staff = "Agents habilités de la collectivité et l'hébergeur de la plateforme";

    public int SentMailDays => configuration.GetValue("Jobs:SentMailRetentionDays", 30);

    /// <summary>How long a rate-limit refusal is kept at all: at least the month moderators need, longer if the IP setting says so.</summary>
    public static int RefusalDays(RetentionSettings retention) => Math.Max(retention.FraudIpDays, RetentionJob.RefusalMinimumDays);

    public IReadOnlyList<Processing> For(Organization organization)
    {
        var retention = organization.Retention;
        var identity = organization.Identity;
        var list = new List<Processing>
        {
            new("Comptes des participants",
                "Permettre de participer (contribuer, réagir, commenter, signaler) et de se connecter",
                PublicMission,
                "Adresse e-mail, pseudonyme, prénom et nom s'ils sont donnés, mot de passe sous forme d'empreinte, dates de création et de dernière connexion, double authentification",
                Staff,
                new("Jusqu'à la suppression du compte par la personne, ou {0} mois sans connexion : le compte est alors anonymisé, après un e-mail d'avertissement un mois avant", retention.InactiveAccountMonths)),
            new("Contributions, commentaires, réactions et signalements",
                "Recueillir les avis, les publier, y répondre au nom de la collectivité et en rendre compte",
                PublicMission,
                "Textes, fichiers joints, position, réactions, territoire, choix d'affichage (pseudonyme, nom, « Anonyme ») ; le compte auteur reste connu de la collectivité même sous « Anonyme »",
                "Le public, sous l'identité choisie ; la modération, les agents et les élus de la collectivité",
                "Le temps de la concertation et de ses suites ; à la suppression du compte, conservés sous « Participant supprimé » ou effacés, au choix de la personne"),
            new("Pétitions et parrainages",
                "Permettre de lancer une pétition, de la faire parrainer, de la modérer et d'y répondre au nom de la collectivité",
                PublicMission,
                "Texte de la pétition, compte de son auteur (publié sous son pseudonyme), comptes des parrains (jamais publiés), motif d'un refus",
                "Le public pour les pétitions publiées ; l'auteur, la modération, les agents et les élus pour les brouillons et les parrainages",
                "Le temps de la pétition et de ses suites ; à la suppression du compte, les brouillons et parrainages sont effacés et une pétition publiée reste sous « Participant supprimé »"),
            new("Propositions citoyennes et soutiens",
                "Recueillir les propositions des habitants, les soutiens qu'elles reçoivent, les étudier, y répondre et prévenir leurs auteurs et soutiens de chaque décision",
                PublicMission,
                "Titre, texte, lieu (adresse, coordonnées), photo et sa description, catégorie, territoire, choix d'affichage ; soutiens (compte, date), jamais publiés nominativement",
                "Le public, sous l'identité choisie et en nombre de soutiens ; la modération, les agents du service qui étudie et les élus de la collectivité",
                "Le temps de l'espace de propositions et de ses suites ; à la suppression du compte, les soutiens sont retirés et les propositions effacées, sauf celles auxquelles la collectivité a donné suite, gardées sous « Participant supprimé », ou conservées au choix de la personne"),
            new("Conseils de quartier et instances citoyennes",
                "Faire connaître les membres des conseils, recevoir les candidatures et les points proposés par les habitants, y répondre",
                PublicMission,
                "Nom des membres et dates de leurs mandats, compte s'ils en ont un ; candidatures (nom, collège, motivation), jamais publiées ; points proposés (titre, texte, réponse et motif)",
                "Le public pour les noms et mandats des membres et les points retenus ; les animateurs du conseil et les administrateurs pour les candidatures et les points proposés",
                "Les mandats restent dans l'historique public du conseil ; à la suppression du compte, les candidatures sont effacées et les points proposés restent sans leur auteur"),
            new("Adresse e-mail des contributeurs sans compte",
                "Confirmer une contribution déposée sans compte, quand l'espace le demande",
                Consent,
                "Adresse e-mail, jamais publiée",
                "Personne : seul le service d'envoi des e-mails l'utilise",
                new("{0} jours après la contribution", retention.AnonymousEmailDays)),
            new("Signalements et demandes",
                "Recevoir les signalements et demandes des habitants, les transmettre au service concerné, les traiter en public et prévenir l'auteur et les personnes qui les suivent de chaque étape",
                PublicMission,
                "Catégorie, description, réponses aux questions de la catégorie, lieu (adresse, coordonnées), photos réduites sans leurs métadonnées ; compte de l'auteur, ou adresse e-mail et nom s'ils sont donnés, jamais publiés ; personnes qui suivent (compte ou adresse e-mail confirmée)",
                "Le public pour le signalement sans son auteur ; le service qui le traite, la modération et les administrateurs de la collectivité",
                new("Non confirmé par e-mail : effacé 8 jours après l'envoi ; adresse e-mail et nom de l'auteur sans compte, et adresses qui le suivent, effacés {0} jours après la clôture ; à la suppression du compte, le signalement reste sans son auteur et les suivis sont retirés", RequestPersonalData.ReporterDays(organization))),
            new("Inscriptions aux rencontres",
                "Tenir la liste des inscrits et la liste d'attente d'une réunion ou d'un atelier, envoyer la confirmation, le rappel et l'annulation, imprimer la feuille d'émargement",
                PublicMission,
                "Nom donné, adresse e-mail (celle du compte, ou saisie sans compte), date d'inscription, place ou liste d'attente, présence notée par l'organisateur",
                "Les agents qui organisent la rencontre ; jamais publiées",
                new("{0} jours après la rencontre ; à la suppression du compte, l'inscription à une rencontre à venir est annulée et le nom et l'adresse sont effacés", Meetings.MeetingPersonalData.KeptDaysAfterMeeting)),
        };
        foreach (var method in Enum.GetValues<VerificationMethod>().Where(identity.Offers))
        {
            list.Add(new(new("Vérification d'identité : {0}", PersonalDataQueries.MethodLabel(method)),
                "Réserver certaines actions aux habitants d'un territoire, aux électeurs ou à partir d'un âge",
                Consent,
                VerifiedData(method),
                "Agents habilités de la collectivité",
                new("{0} mois (durée de validité de la vérification), ou jusqu'à la suppression du compte", identity.MonthsFor(method))));
        }
        if (identity.Offers(VerificationMethod.Census))
        {
            list.Add(new("Listes électorales et des habitants importées",
                "Vérifier la résidence ou la qualité d'électeur d'une personne qui le demande",
                PublicMission,
                "Seulement des empreintes (hachage salé) du nom, du prénom et de la date de naissance, avec le quartier et la qualité d'électeur : aucun nom n'est conservé en clair",
                "Personne : la liste n'est jamais affichée",
                "Jusqu'au remplacement de la liste par une plus récente"));
        }
        if (identity.Offers(VerificationMethod.PostalLetter))
        {
            list.Add(new("Courriers de vérification d'adresse",
                "Envoyer un code à usage unique à l'adresse déclarée",
                Consent,
                "Adresse postale et code envoyé",
                "Agents chargés de l'envoi des courriers",
                "Jusqu'à l'utilisation du code ou son expiration, puis seuls les attributs vérifiés restent"));
        }
        list.Add(new("Signatures de pétitions",
            "Droit de pétition : compter une signature par personne, confirmée par e-mail ; remettre à la collectivité la liste des signataires d'une demande d'inscription à l'ordre du jour (art. L1112-16 du CGCT) ; écarter les signatures frauduleuses",
            PublicMission,
            "Nom, adresse e-mail (telle que saisie et forme canonique), code postal et commune, adresse IP, dates de signature et de confirmation",
            "Modérateurs (provenance des signatures) ; agents et administrateurs (liste nominative en mode électeurs seulement, sinon des comptes par commune) ; jamais publiées",
            new("Non confirmée : effacée 8 jours après la signature ; adresse IP effacée après {0} jours, e-mail saisi {1} jours après la confirmation ; le reste jusqu'à la suppression du compte, la pétition gardant alors la signature dans son compte", retention.FraudIpDays, retention.AnonymousEmailDays)));
        list.Add(new("Contrôle des abus (limites de fréquence)",
            "Protéger la plateforme des robots et des envois massifs ; permettre à la modération de suspendre un compte abusif",
            "Mission d'intérêt public (art. 6.1.e du RGPD) : sécurité du service",
            "Adresse IP, compte, limite dépassée, nombre de requêtes refusées",
            "Modérateurs et administrateurs de la collectivité",
            new("Adresse IP effacée après {0} jours ; l'événement est oublié après {1} jours", retention.FraudIpDays, RefusalDays(retention))));
        list.Add(new("Journal d'administration",
            "Tracer les actions du personnel : modération, réponses, réglages, exports",
            "Obligation de sécurité (art. 32 du RGPD)",
            "Nom affiché de la personne du personnel, action, objet, date ; la suppression d'un compte y est notée sans rien qui désigne la personne",
            "Administrateurs de la collectivité",
            "Tant que la collectivité utilise la plateforme"));
        list.Add(new("E-mails envoyés",
            "Envoyer les messages du service : confirmation d'adresse, mot de passe, avertissement avant anonymisation",
            PublicMission,
            "Adresse du destinataire, objet et texte du message",
            "Le serveur d'envoi de messagerie de la collectivité",
            new("{0} jours après l'envoi", SentMailDays)));
        return list;
    }

    private static Phrase VerifiedData(VerificationMethod method) => method switch
    {
        VerificationMethod.FranceConnect => "Le lien avec le compte FranceConnect et les attributs déduits (tranche d'âge ; quartier et qualité d'électeur par rapprochement avec la liste, avec alors le nom attesté), jamais la date de naissance",
        VerificationMethod.Census => "Les attributs déduits (quartier, électeur avec le nom attesté, tranche d'âge) et la liste qui les a donnés",
        VerificationMethod.InPerson => "Les attributs déduits (avec, pour un électeur, le nom inscrit sur la pièce), le type de pièce présentée (jamais la pièce) et l'agent qui a vérifié",
        _ => "Le quartier vérifié par le code reçu à l'adresse",
    };

    /// <summary>Every template the register can produce, so a test can check that each has its English text.</summary>
    public IEnumerable<string> AllTemplates()
    {
        var everything = new Organization { Name = "x", Identity = new IdentitySettings { EnabledMethods = VerificationMethods.FranceConnect | VerificationMethods.Census | VerificationMethods.InPerson | VerificationMethods.PostalLetter } };
        return For(everything).SelectMany(p => new[] { p.Name, p.Purpose, p.LegalBasis, p.Data, p.Recipients, p.Retention }).Select(p => p.Template)
            .Concat(Enum.GetValues<VerificationMethod>().Select(PersonalDataQueries.MethodLabel)).Distinct();
    }
}

public static class PhraseLocalization
{
    /// <summary>The phrase in the reader's language, as text (encoded when written).</summary>
    public static LocalizedString Say(this IHtmlLocalizer localizer, Phrase phrase) =>
        localizer.GetString(phrase.Template, phrase.Values.Select(v => v is string s ? localizer.GetString(s).Value : v).ToArray());
}
