using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using ResponseCommands = Parvis.Features.Responses.ResponseCommands;

namespace Parvis.Features.Demo;

public static partial class DemoSeeder
{
    /// <summary>
    /// "Vous avez dit, nous avons fait" on show: answers given in known delays (8, 12, 20 and 3 days), one
    /// contribution past the 30-day deadline, and four outcomes (one per status) linked to what led to them.
    /// </summary>
    private static async Task SeedOutcomesAsync(ParvisDbContext db, DateTime now, ParvisUser agent, ParvisUser elected)
    {
        async Task<Contribution> Find(string start) => await db.Contributions.Include(c => c.Consultation).FirstAsync(c => c.Body.StartsWith(start));
        var bikes = await Find("Il faudrait un vrai parking vélo");
        var dropOff = await Find("Prévoir une dépose-minute");
        var playground = await Find("Une aire de jeux clôturée");
        var waterGames = await Find("Des jeux d'eau");
        var canal = await Find("Je m'oppose à la hauteur");

        void Answer(Contribution c, double afterDays, string signature, string body)
        {
            var response = new OfficialResponse { ContributionId = c.Id, SignatureLabel = signature, DraftedById = agent.Id, DraftedAt = c.CreatedAt.AddDays(afterDays - 1), Status = ResponseStatus.Draft, Body = body };
            response.Publish(elected.Id, c.CreatedAt.AddDays(afterDays));
            c.FirstAnsweredAt = c.CreatedAt.AddDays(afterDays);
            db.OfficialResponses.Add(response);
        }
        Answer(playground, 12, ResponseCommands.DefaultSignature, "L'aire de jeux est retenue dans le bilan : elle sera livrée avec la première tranche du parc.");
        Answer(waterGames, 20, ResponseCommands.DefaultSignature, "Les jeux d'eau sont intégrés au projet de cour végétalisée.");
        Answer(canal, 3, ResponseCommands.DefaultSignature, "Votre observation est transmise au commissaire enquêteur.");
        // Past the deadline and still waiting: shown on /reponses/en-retard and on the administration home.
        db.Contributions.Add(new Contribution
        {
            ConsultationId = waterGames.ConsultationId,
            TerritoryId = waterGames.TerritoryId,
            AuthorId = waterGames.AuthorId,
            Title = "Des ombrières",
            Body = "Des ombrières au-dessus des bancs de la cour, pour les après-midi de juin.",
            CreatedAt = now.AddDays(-45),
            State = ModerationState.Published,
        });

        var today = DateOnly.FromDateTime(now);
        Outcome Make(string title, string description, OutcomeStatus status, int progress, decimal? budget, int decidedDaysAgo, int territoryId, string? service,
            DateOnly? started = null, DateOnly? expected = null, DateOnly? done = null)
        {
            var outcome = new Outcome { Title = title };
            outcome.Describe(new OutcomeDescription(title, description, status, progress, budget, today.AddDays(-decidedDaysAgo), started, expected, done, territoryId, service), now);
            outcome.Publish(now);
            db.Outcomes.Add(outcome);
            return outcome;
        }
        var parking = Make("Parking vélo abrité devant la gare", "120 places abritées et sécurisées, dont 20 pour les vélos cargo, demandées pendant la concertation sur la place de la Gare.",
            OutcomeStatus.InProgress, 40, 240_000m, 5, bikes.TerritoryId, "Service urbanisme", started: today.AddDays(-3), expected: today.AddMonths(8));
        var park = Make("Aire de jeux pour les moins de 6 ans au parc des Rives", "Livrée avec la première tranche du parc : une aire clôturée, des sols souples et des bancs à l'ombre.",
            OutcomeStatus.Done, 100, 85_000m, 110, playground.TerritoryId, null, started: today.AddDays(-90), done: today.AddDays(-20));
        var yard = Make("Jeux d'eau dans la cour Jules-Ferry", "Décidé avec la végétalisation de la cour ; les travaux auront lieu pendant les vacances d'été.",
            OutcomeStatus.Decided, 0, 30_000m, 8, waterGames.TerritoryId, null, expected: today.AddMonths(9));
        var dropOffOutcome = Make("Dépose-minute côté nord de la gare", "Abandonnée : l'emprise est réservée au parking vélo ; une dépose-minute de six places est prévue côté sud.",
            OutcomeStatus.Abandoned, 0, null, 2, dropOff.TerritoryId, "Service urbanisme");
        await db.SaveChangesAsync();

        void Link(Outcome o, OutcomeSubjectKind kind, int id) => db.OutcomeLinks.Add(new OutcomeLink { OutcomeId = o.Id, Kind = kind, SubjectId = id });
        Link(parking, OutcomeSubjectKind.Contribution, bikes.Id);
        Link(parking, OutcomeSubjectKind.Consultation, bikes.ConsultationId);
        Link(park, OutcomeSubjectKind.Contribution, playground.Id);
        Link(park, OutcomeSubjectKind.Consultation, playground.ConsultationId);
        Link(yard, OutcomeSubjectKind.Contribution, waterGames.Id);
        Link(dropOffOutcome, OutcomeSubjectKind.Contribution, dropOff.Id);
        await db.SaveChangesAsync();
    }

    /// <summary>After the proposals and petitions: what the carried-out proposal and the answered petition led to.</summary>
    private static async Task LinkInitiativesToOutcomesAsync(ParvisDbContext db, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var proposal = await db.Proposals.Where(p => p.Status == ProposalState.CarriedOut).OrderBy(p => p.Id).FirstOrDefaultAsync();
        var petition = await db.Petitions.Where(p => p.FirstAnsweredAt != null).OrderBy(p => p.Id).FirstOrDefaultAsync();
        if (proposal is not null)
        {
            var fountains = new Outcome { Title = "Fontaines à boire dans les squares" };
            fountains.Describe(new OutcomeDescription(fountains.Title, "Deux fontaines installées à la suite de la proposition d'un habitant, soutenue dans la boîte à idées.",
                OutcomeStatus.Done, 100, 14_000m, today.AddDays(-60), today.AddDays(-30), null, today.AddDays(-5), proposal.TerritoryId, null), now);
            fountains.Publish(now);
            db.Outcomes.Add(fountains);
            await db.SaveChangesAsync();
            db.OutcomeLinks.Add(new OutcomeLink { OutcomeId = fountains.Id, Kind = OutcomeSubjectKind.Proposal, SubjectId = proposal.Id });
        }
        if (petition is not null)
        {
            var answer = new Outcome { Title = "Étude demandée par la pétition" };
            answer.Describe(new OutcomeDescription(answer.Title, "La collectivité a répondu à la pétition et lance l'étude qu'elle demandait.",
                OutcomeStatus.InProgress, 20, null, today.AddDays(-10), today.AddDays(-7), today.AddMonths(4), null, petition.TerritoryId, null), now);
            answer.Publish(now);
            db.Outcomes.Add(answer);
            await db.SaveChangesAsync();
            db.OutcomeLinks.Add(new OutcomeLink { OutcomeId = answer.Id, Kind = OutcomeSubjectKind.Petition, SubjectId = petition.Id });
        }
        await db.SaveChangesAsync();
    }
}
