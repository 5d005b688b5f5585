using System.Globalization;
using System.Net;
using System.Text;
using Parvis.Domain;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.PersonalData;

/// <summary>
/// The readable copy of a person's data: one HTML file that opens offline (styles inside, no script, no
/// outside resource), with a heading per kind of data and tables with captions and header cells.
/// </summary>
public static class ExportPage
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Render(PersonalDataExport data, Organization organization, PublicLinks links)
    {
        string Date(DateTime? utc) => utc is { } d ? organization.ToLocal(d).ToString("dd/MM/yyyy HH:mm", French) : "—";
        string Link(string path, string text) => $"<a href=\"{E(links.To(path))}\">{E(text)}</a>";
        var a = data.Account;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Mes données · {{E(data.Organization)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; max-width: 60rem; margin: 0 auto; padding: 1rem; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
            caption { text-align: left; font-weight: 600; }
            th, td { border: 1px solid #767676; padding: .3rem .5rem; text-align: left; vertical-align: top; }
            a { color: #0b4f9c; }
            </style>
            </head>
            <body>
            <main>
            <h1>Mes données personnelles · {{E(data.Organization)}}</h1>
            <p>Copie de tout ce que {{E(data.Organization)}} conserve à propos de votre compte, produite le {{Date(data.ExportedAt)}}.</p>
            <h2>Compte</h2>
            <dl>
            <dt>Adresse e-mail</dt><dd>{{E(a.Email)}}{{(a.EmailConfirmed ? " (confirmée)" : " (non confirmée)")}}</dd>
            <dt>Pseudonyme</dt><dd>{{E(a.Pseudonym)}}</dd>
            <dt>Prénom</dt><dd>{{E(a.FirstName ?? "—")}}</dd>
            <dt>Nom</dt><dd>{{E(a.LastName ?? "—")}}</dd>
            <dt>Créé le</dt><dd>{{Date(a.CreatedAt)}}</dd>
            <dt>Dernière connexion</dt><dd>{{Date(a.LastSignInAt)}}</dd>
            <dt>Double authentification</dt><dd>{{(a.TwoFactorEnabled ? "activée" : "désactivée")}}</dd>
            <dt>Rôles</dt><dd>{{E(a.Roles.Count == 0 ? "aucun" : string.Join(", ", a.Roles))}}</dd>
            <dt>Identité liée</dt><dd>{{E(data.LinkedProviders.Count == 0 ? "aucune" : string.Join(", ", data.LinkedProviders))}}</dd>
            {{(a.BlockedAt is null ? "" : "<dt>Suspendu le</dt><dd>" + Date(a.BlockedAt) + " : " + E(a.BlockedReason ?? "") + "</dd>")}}
            </dl>

            """);
        Table(html, "Contributions", ["Date", "Concertation", "Titre", "Texte", "Affichage", "État", "D'accord", "Pas d'accord", "Commentaires"],
            data.Contributions.Select(c => new[] { Link(c.Url, Date(c.CreatedAt)), E(c.Consultation), E(c.Title ?? "—"), E(c.Body), E(c.Display), E(c.State),
                Num(c.Agree), Num(c.Disagree), Num(c.Comments) }));
        Table(html, "Commentaires", ["Date", "Contribution", "Texte", "Position", "État", "Supprimé le"],
            data.Comments.Select(c => new[] { Link(c.Url, Date(c.CreatedAt)), Num(c.ContributionId), E(c.Body), E(c.Stance), E(c.State), Date(c.DeletedAt) }));
        Table(html, "Réactions", ["Date", "Contribution", "Réaction"],
            data.Reactions.Select(r => new[] { Date(r.CreatedAt), Link(r.Url, "n° " + Num(r.ContributionId)), E(r.Kind) }));
        Table(html, "Signatures de pétitions", ["Date", "Pétition", "Nom", "E-mail", "Code postal", "Commune", "Confirmée le", "Annulée"],
            data.Signatures.Select(s => new[] { Date(s.SignedAt), Link(s.Url, s.Petition), E(s.Name), E(s.Email), E(s.PostalCode ?? "—"), E(s.Commune ?? "—"),
                Date(s.ConfirmedAt), s.InvalidatedAt is null ? "—" : E($"{Date(s.InvalidatedAt)} : {s.InvalidationReason}") }));
        Table(html, "Signalements", ["Date", "Sur", "Motif", "Traité le"],
            data.Flags.Select(f => new[] { Date(f.CreatedAt), E($"{f.On} n° {f.Id}"), E(f.Reason), Date(f.ResolvedAt) }));
        Table(html, "Fichiers joints", ["Date", "Titre", "Fichier", "Contribution"],
            data.Files.Select(f => new[] { Date(f.UploadedAt), E(f.Title), Link(f.Url, f.FileName), Num(f.ContributionId) }));
        Table(html, "Vérifications d'identité", ["Méthode", "Par", "Vérifiée le", "Expire le", "Révoquée", "Habitant de", "Électeur", "Nom attesté", "Âge", "Document vu"],
            data.Verifications.Select(v => new[] { E(v.Method), E(v.Issuer), Date(v.VerifiedAt), Date(v.ExpiresAt),
                v.RevokedAt is null ? "—" : E($"{Date(v.RevokedAt)} : {v.RevokedReason}"), E(v.ResidentTerritory ?? "—"), v.IsElector ? "oui" : "non",
                E(v.VerifiedName ?? "—"), E(v.AgeBracket ?? "—"), E(v.DocumentType ?? "—") }));
        Table(html, "Refus pour trop de tentatives (contrôle anti-fraude)", ["Limite", "Adresse IP", "Du", "Au", "Requêtes refusées"],
            data.RateLimitRefusals.Select(r => new[] { E(Infrastructure.Web.RateLimits.Label(r.Limit)), E(r.IpAddress ?? "effacée"), Date(r.FirstAt), Date(r.LastAt), Num(r.RefusedCount) }));
        Table(html, "Actions inscrites au journal d'administration", ["Date", "Action", "Objet", "Détails"],
            data.AuditEntries.Select(x => new[] { Date(x.At), E(x.Action), E($"{x.TargetType} {x.TargetId}"), E(x.Details ?? "") }));
        Table(html, "Demandes de code par courrier", ["Demandée le", "Destinataire", "Adresse", "Code postal", "Ville", "Imprimée le", "Adresse effacée le"],
            data.PostalLetters.Select(l => new[] { Date(l.RequestedAt), E(l.RecipientName ?? "—"), E(string.Join(", ", new[] { l.AddressLine1, l.AddressLine2 }.Where(x => !string.IsNullOrEmpty(x)))),
                E(l.PostalCode ?? "—"), E(l.City ?? "—"), l.PrintedAt is null ? "—" : Date(l.PrintedAt), l.AddressErasedAt is null ? "—" : Date(l.AddressErasedAt) }));
        Table(html, "Pétitions lancées", ["Créée le", "Titre", "État", "Demande", "Motifs", "Destinataire", "Motif du refus"],
            data.Petitions.Select(p => new[] { Link(p.Url, Date(p.CreatedAt)), E(p.Title), E(p.Status), E(p.Request), E(p.Reasons), E(p.Addressee), E(p.RejectionReason ?? "—") }));
        Table(html, "Pétitions parrainées", ["Date", "Pétition"],
            data.Sponsorships.Select(s => new[] { Date(s.CreatedAt), Link(s.Url, s.Title) }));
        Table(html, "Propositions", ["Date", "Espace", "Titre", "Texte", "Lieu", "Affichage", "État", "Soutiens"],
            data.Proposals.Select(p => new[] { Link(p.Url, Date(p.CreatedAt)), E(p.Space), E(p.Title), E(p.Body),
                E(string.Join(" ", new[] { p.Address, p.Latitude is null ? null : FormattableString.Invariant($"({p.Latitude}, {p.Longitude})") }.Where(x => x is not null))),
                E(p.Display), E($"{p.Status} · {p.State}"), Num(p.Supports) }));
        Table(html, "Soutiens à des propositions", ["Date", "Proposition"],
            data.ProposalSupports.Select(s => new[] { Date(s.CreatedAt), Link(s.Url, s.Title) }));
        Table(html, "Signalements et demandes", ["Date", "Catégorie", "Description", "Lieu", "Nom donné", "État"],
            data.Requests.Select(r => new[] { Link(r.Url, Date(r.SubmittedAt)), E(r.Category), E(r.Description),
                E(string.Join(" ", new[] { r.Address, r.Latitude is null ? null : FormattableString.Invariant($"({r.Latitude}, {r.Longitude})") }.Where(x => x is not null))),
                E(r.ReporterName ?? "—"), E(r.Status) }));
        Table(html, "Signalements suivis", ["Depuis le", "Signalement"],
            data.RequestFollows.Select(f => new[] { Date(f.Since), Link(f.Url, $"n° {f.RequestId} · {f.Category}") }));
        Table(html, "Candidatures à un conseil", ["Date", "Conseil", "Collège", "Nom", "Motivation", "Suite"],
            data.CouncilCandidacies.Select(c => new[] { Date(c.CreatedAt), Link(c.Url, c.Council), E(c.College), E(c.Name), E(c.Motivation ?? ""),
                E(c.DecidedAt is null ? c.Status : $"{c.Status} ({Date(c.DecidedAt)})") }));
        Table(html, "Points proposés à un conseil", ["Date", "Conseil", "Titre", "Texte", "Réponse", "Motif"],
            data.CouncilAgendaItems.Select(i => new[] { Date(i.CreatedAt), Link(i.Url, i.Council), E(i.Title), E(i.Body), E(i.Status), E(i.Reason ?? "—") }));
        Table(html, "Mandats dans un conseil", ["Conseil", "Collège", "Nom", "Rôle", "Mandat"],
            data.CouncilMandates.Select(m => new[] { Link(m.Url, m.Council), E(m.College), E(m.Name), E(m.Role),
                E(m.StartsOn.ToString("dd/MM/yyyy", French) + " – " + (m.EndsOn?.ToString("dd/MM/yyyy", French) ?? "en cours")) }));
        Table(html, "Votes sur des énoncés", ["Date", "Énoncé", "Vote"],
            data.StatementVotes.Select(v => new[] { Date(v.VotedAt), Link(v.Url, v.Statement), E(v.Vote) }));
        Table(html, "Abonnements", ["Depuis le", "Élément", "Suivi"],
            data.Follows.Select(f => new[] { Date(f.Since), Link(f.Url, $"{f.Kind} n° {f.Id}"), f.Automatic ? "après y avoir participé" : "choisi" }));
        Table(html, "Notifications", ["Date", "Type", "Élément", "Lue le", "Envoyée par e-mail le"],
            data.Notices.Select(n => new[] { Date(n.CreatedAt), E(n.Kind), Link(n.Url, n.Title), Date(n.ReadAt), Date(n.MailedAt) }));
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, string title, string[] headers, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(title)} ({list.Count})</h2>\n");
        if (list.Count == 0)
        {
            html.Append("<p>Aucune donnée.</p>\n");
            return;
        }
        html.Append(CultureInfo.InvariantCulture, $"<table>\n<caption>{E(title)}</caption>\n<thead><tr>");
        foreach (var h in headers) html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(h)}</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in list) html.Append("<tr>").AppendJoin("", row.Select(cell => $"<td>{cell}</td>")).Append("</tr>\n");
        html.Append("</tbody>\n</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
