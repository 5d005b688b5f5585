using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Api;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.OpenData;

/// <summary>
/// The organization's datasets: each public collection, read by the public API's own queries (so what is public,
/// and how an author is named, is decided where the API and the pages decide it: <see cref="PublicItems"/> and
/// <c>AuthorDisplay</c>), with its CSV columns and, where items have a place, its GeoJSON features.
/// </summary>
public sealed class OpenDataSets(ParvisDbContext db, TenantContext tenant, ConsultationsApi consultations, ProposalsApi proposals,
    PlacesApi places, OpenDataRequests requests)
{
    private static string Joined(IEnumerable<string> values) => string.Join(" | ", values);

    public IReadOnlyList<IOpenDataSet> All()
    {
        var sets = new List<IOpenDataSet>
        {
            new OpenDataSet<ApiConsultation>("concertations", "Concertations",
                "Les concertations publiées : titre, résumé, territoire, cadre légal, phase en cours et questions posées.",
                ["id", "titre", "resume", "territoire", "cadre_legal", "phase", "questions", "publiee_le", "close_le", "url"],
                c => [c.Id, c.Title, c.Summary, c.TerritoryId, c.LegalFrame, c.CurrentPhase, Joined(c.Questions.Select(q => q.Text)),
                    c.PublishedAt, c.ClosedAt, c.Url],
                page => consultations.ConsultationsAsync(page), c => c.Id,
                () => db.Consultations.Where(PublicItems.Consultations).MaxAsync(c => c.PublishedAt)),
            new OpenDataSet<ApiContribution>("contributions", "Contributions",
                "Les contributions publiées des concertations publiques (en ligne, registres papier, réunions…), avec leurs " +
                "réactions ; les auteurs présentés comme sur le site.",
                ["id", "concertation", "question", "territoire", "titre", "texte", "canal", "auteur", "badges", "date", "accord",
                    "desaccord", "commentaires", "reponse_officielle", "url"],
                c => [c.Id, c.ConsultationId, c.QuestionId, c.TerritoryId, c.Title, c.Body, c.Channel, c.Author.Name, Joined(c.Author.Badges),
                    c.CreatedAt, c.Reactions.Agree, c.Reactions.Disagree, c.CommentCount, c.Answered, c.Url],
                page => consultations.ContributionsAsync(page, null), c => c.Id,
                () => db.Contributions.Readable(db.Consultations).MaxAsync(c => (DateTime?)c.CreatedAt)),
            new OpenDataSet<ApiComment>("commentaires", "Commentaires",
                "Les commentaires publiés des contributions publiques, avec leur position (pour, neutre, contre).",
                ["id", "contribution", "parent", "profondeur", "texte", "position", "auteur", "badges", "date", "modifie_le"],
                c => [c.Id, c.ContributionId, c.ParentId, c.Depth, c.Body, c.Stance, c.Author.Name, Joined(c.Author.Badges), c.CreatedAt, c.EditedAt],
                page => consultations.CommentsAsync(page, null), c => c.Id,
                () => db.Comments.Readable(db.Contributions, db.Consultations).MaxAsync(c => (DateTime?)c.CreatedAt)),
            new OpenDataSet<ApiProposal>("propositions", "Propositions citoyennes",
                "Les propositions publiées, avec leur état et leur nombre de soutiens ; leur emplacement quand il est donné.",
                ["id", "espace", "titre", "texte", "territoire", "categorie", "etat", "soutiens", "latitude", "longitude", "auteur", "badges",
                    "date", "url"],
                p => [p.Id, p.SpaceId, p.Title, p.Body, p.TerritoryId, p.CategoryId, p.Status, p.SupportCount, p.Latitude, p.Longitude,
                    p.Author.Name, Joined(p.Author.Badges), p.CreatedAt, p.Url],
                page => proposals.ProposalsAsync(page, null), p => p.Id,
                () => db.Proposals.Readable(db.ProposalSpaces).MaxAsync(p => (DateTime?)p.CreatedAt),
                p => p is { Latitude: { } lat, Longitude: { } lon } ? new GeoJsonFeature(p.Id, new GeoJsonPoint([lon, lat]), p) : null),
            new OpenDataSet<ApiPetition>("petitions", "Pétitions",
                "Les pétitions ouvertes et closes, avec leur nombre de signatures et leurs seuils.",
                ["id", "titre", "demande", "motifs", "destinataire", "territoire", "etat", "signatures", "seuil_reponse", "seuil_ordre_du_jour",
                    "publiee_le", "cloture_prevue_le", "close_le", "premiere_reponse_le", "url"],
                p => [p.Id, p.Title, p.Request, p.Reasons, p.Addressee, p.TerritoryId, p.Status, p.SignatureCount, p.ResponseThreshold,
                    p.AgendaThreshold, p.PublishedAt, p.ClosesAt, p.ClosedAt, p.FirstAnsweredAt, p.Url],
                page => proposals.PetitionsAsync(page), p => p.Id,
                () => db.Petitions.Where(PublicItems.Petitions).MaxAsync(p => p.PublishedAt)),
            new OpenDataSet<ApiOutcome>("suites-donnees", "Suites données",
                "« Vous avez dit, nous avons fait » : les décisions et réalisations publiées, leur avancement et ce à quoi elles répondent.",
                ["id", "titre", "description", "etat", "avancement", "budget_euros", "decidee_le", "commencee_le", "prevue_le", "terminee_le",
                    "territoire", "projet", "service", "repond_a", "mise_a_jour_le", "url"],
                o => [o.Id, o.Title, o.Description, o.Status, o.ProgressPercent, o.BudgetEuros, o.DecidedOn, o.StartedOn, o.ExpectedOn, o.DoneOn,
                    o.TerritoryId, o.ProjectId, o.ServiceName, Joined(o.Links.Select(l => l.Url)), o.UpdatedAt, o.Url],
                page => places.OutcomesAsync(page), o => o.Id,
                () => db.Outcomes.Where(PublicItems.Outcomes).MaxAsync(o => (DateTime?)o.UpdatedAt)),
        };
        // Requests are public only where the organization says so; elsewhere each is its author's alone.
        if (tenant.Organization.Requests.PublicRequests)
            sets.Add(new OpenDataSet<OpenRequest>("signalements", "Signalements",
                "Les signalements publics (ni masqués ni en attente de confirmation), leur catégorie, leur état et leur emplacement ; " +
                "jamais le nom ni l'adresse électronique de la personne qui signale.",
                ["id", "categorie", "service", "etat", "description", "adresse", "latitude", "longitude", "territoire", "depose_le",
                    "mis_a_jour_le", "clos_le", "url"],
                r => [r.Id, r.Category, r.Service, r.Status, r.Description, r.Address, r.Latitude, r.Longitude, r.TerritoryId, r.SubmittedAt,
                    r.UpdatedAt, r.ClosedAt, r.Url],
                requests.RequestsAsync, r => r.Id,
                () => db.ServiceRequests.Where(PublicItems.ServiceRequests).MaxAsync(r => (DateTime?)r.UpdatedAt),
                r => r is { Latitude: { } lat, Longitude: { } lon } ? new GeoJsonFeature(r.Id, new GeoJsonPoint([lon, lat]), r) : null));
        sets.Add(new OpenDataSet<ApiTerritory>("territoires", "Territoires",
            "Les territoires de la collectivité (commune, quartiers…) et, en GeoJSON, leurs contours.",
            ["id", "parent", "nom", "type"],
            t => [t.Id, t.ParentId, t.Name, t.Kind],
            page => places.TerritoriesAsync(page), t => t.Id,
            () => Task.FromResult<DateTime?>(null),
            t => t.Boundary is { } boundary
                ? new GeoJsonFeature(t.Id, boundary, new { t.Id, t.ParentId, t.Name, t.Kind })
                : null));
        return sets;
    }

    public IOpenDataSet? Find(string name) => All().FirstOrDefault(s => s.Name == name);
}
