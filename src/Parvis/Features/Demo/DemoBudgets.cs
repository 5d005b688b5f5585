using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Demo;

/// <summary>
/// Two participatory budgets: the city's 2026 budget, counted by equal shares, its vote closed with a few hundred ballots
/// generated from a fixed seed (three groups of voters, so the page shows how equal shares funds the smaller groups' projects
/// where greedy would fund the majority's only), and a summer budget whose vote is open, within the budget (knapsack).
/// </summary>
public static class DemoBudgets
{
    public const string ResultsBudget = "Budget participatif 2026 : 500 000 € pour vos projets";
    public const string VoteBudget = "Budget participatif de l'été : vos projets dans la limite de 100 000 €";
    public const int GeneratedBallots = 240;

    private sealed record Idea(string Title, long Cost, Territory? Where, string Description);

    public static async Task SeedAsync(ParvisDbContext db, DateTime now, Territory commune, Territory gare, Territory centre, Territory rives)
    {
        var closed = new Budget
        {
            Title = ResultsBudget,
            DescriptionMarkdown = "Les habitants ont déposé 64 idées ; les services en ont étudié 9 ; **8 ont été soumises au vote**. "
                + "Les résultats sont comptés par la méthode des parts égales, annoncée avant le vote.",
            Amount = 500_000,
            TerritoryId = commune.Id,
            Rule = BudgetRule.EqualShares,
            VoteForm = BudgetVoteForm.Approval,
            IdeasFrom = now.AddDays(-150),
            StudyFrom = now.AddDays(-100),
            VoteFrom = now.AddDays(-40),
            VoteUntil = now.AddDays(-10),
            RealisationFrom = now.AddDays(60),
            PublishedAt = now.AddDays(-150),
        };
        var open = new Budget
        {
            Title = VoteBudget,
            DescriptionMarkdown = "Choisissez les projets que vous voulez voir réalisés cet été : **votre sélection doit tenir dans "
                + "le budget de 100 000 €**. Vous pouvez changer votre bulletin jusqu'à la clôture.",
            Amount = 100_000,
            TerritoryId = commune.Id,
            Rule = BudgetRule.Greedy,
            VoteForm = BudgetVoteForm.Knapsack,
            IdeasFrom = now.AddDays(-60),
            StudyFrom = now.AddDays(-30),
            VoteFrom = now.AddDays(-5),
            VoteUntil = now.AddDays(20),
            RealisationFrom = now.AddDays(50),
            PublishedAt = now.AddDays(-60),
        };
        db.Budgets.AddRange(closed, open);
        await db.SaveChangesAsync();

        Idea[] ideas =
        [
            new("Une forêt urbaine au square Pasteur", 180_000, centre, "Planter 600 arbres serrés sur 800 m², à la manière de Miyawaki."),
            new("Une piste cyclable rue de la République", 250_000, commune, "Une piste séparée, dans les deux sens, de la gare à la mairie."),
            new("Une aire de jeux inclusive aux Rives", 90_000, rives, "Des jeux accessibles aux enfants en fauteuil, un sol souple."),
            new("Des bancs et des fontaines place de la Gare", 40_000, gare, "Dix bancs à l'ombre et deux fontaines à boire."),
            new("Des jardins partagés au pied des immeubles", 60_000, rives, "Douze parcelles, un composteur et un point d'eau."),
            new("L'éclairage solaire du chemin de halage", 120_000, rives, "Des bornes basses qui s'allument au passage."),
            new("Des boîtes à livres dans chaque quartier", 15_000, commune, "Six boîtes fabriquées par le lycée professionnel."),
            new("Un abri vélos sécurisé à la gare", 70_000, gare, "Quatre-vingts places fermées, accessibles avec la carte de transport."),
        ];
        var projects = ideas.Select(i => new BudgetProject
        {
            BudgetId = closed.Id,
            Title = i.Title,
            Cost = i.Cost,
            TerritoryId = i.Where?.Id,
            DescriptionMarkdown = i.Description,
            Feasibility = BudgetFeasibility.Feasible,
        }).ToList();
        db.BudgetProjects.AddRange(projects);
        db.BudgetProjects.Add(new BudgetProject
        {
            BudgetId = closed.Id,
            Title = "Un skatepark couvert",
            Cost = 400_000,
            Feasibility = BudgetFeasibility.NotFeasible,
            FeasibilityReason = "Le seul terrain public assez grand est inondable ; aucun autre ne se libère avant 2028.",
        });
        db.BudgetProjects.AddRange(
            Summer(open, "Un cinéma en plein air aux Rives", 25_000, rives),
            Summer(open, "Des brumisateurs place de la Gare", 35_000, gare),
            Summer(open, "Une guinguette éphémère sur les quais", 45_000, rives),
            Summer(open, "Des ateliers de vélo gratuits", 15_000, commune),
            Summer(open, "Une piscine mobile dans la cour de l'école Jaurès", 60_000, centre));
        await db.SaveChangesAsync();
        await BallotsAsync(db, closed, projects);
    }

    private static BudgetProject Summer(Budget budget, string title, long cost, Territory where) => new()
    {
        BudgetId = budget.Id,
        Title = title,
        Cost = cost,
        TerritoryId = where.Id,
        Feasibility = BudgetFeasibility.Feasible,
    };

    /// <summary>
    /// Generated ballots (no account behind them): a majority of the centre who mostly want the forest and the cycle lane,
    /// and two smaller groups, the Rives and the Gare, who want their own projects.
    /// </summary>
    private static async Task BallotsAsync(ParvisDbContext db, Budget budget, List<BudgetProject> p)
    {
        var random = new Random(2026);
        double[][] groups =
        [
            // forest, cycle lane, playground, benches, gardens, lighting, books, bicycle shelter
            [0.85, 0.8, 0.1, 0.1, 0.15, 0.05, 0.4, 0.2],
            [0.1, 0.2, 0.85, 0.1, 0.75, 0.6, 0.35, 0.05],
            [0.15, 0.35, 0.05, 0.8, 0.1, 0.05, 0.3, 0.75],
        ];
        int[] sizes = [130, 65, 45];
        var ballots = new List<(BudgetBallot Ballot, List<int> Chosen)>();
        for (var g = 0; g < groups.Length; g++)
            for (var i = 0; i < sizes[g]; i++)
            {
                var chosen = Enumerable.Range(0, p.Count).Where(k => random.NextDouble() < groups[g][k]).ToList();
                if (chosen.Count == 0) chosen.Add(Array.IndexOf(groups[g], groups[g].Max()));
                var at = budget.VoteFrom.AddMinutes(random.Next(0, 30 * 24 * 60 - 1));
                ballots.Add((new BudgetBallot { BudgetId = budget.Id, CastAt = at, UpdatedAt = at }, chosen));
            }
        ballots.Sort((a, b) => a.Ballot.CastAt.CompareTo(b.Ballot.CastAt));
        db.BudgetBallots.AddRange(ballots.Select(b => b.Ballot));
        await db.SaveChangesAsync();
        db.BudgetBallotChoices.AddRange(ballots.SelectMany(b => b.Chosen.Select(k =>
            new BudgetBallotChoice { BallotId = b.Ballot.Id, BudgetId = budget.Id, ProjectId = p[k].Id })));
        await db.SaveChangesAsync();
    }
}
