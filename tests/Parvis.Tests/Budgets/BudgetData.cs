using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Budgets;

/// <summary>Budgets made for one test: 100 € and three feasible projects (60, 30 and 20 €), one set aside by the study.</summary>
internal static class BudgetData
{
    public const string BallotForm = "form.budget-ballot";

    public sealed record Made(int Id, int A, int B, int C, int Unfeasible)
    {
        public string Url => $"/budgets/{Id}";
        public string Results => $"/budgets/{Id}/resultats";
    }

    public static string Text(this int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A published budget whose vote is open (<paramref name="closed"/>: closed yesterday), in organization A by default.</summary>
    public static Task<Made> NewBudgetAsync(this ParvisFactory app, BudgetVoteForm form = BudgetVoteForm.Approval,
        BudgetRule rule = BudgetRule.Greedy, bool closed = false, Organization? organization = null, string? service = null,
        Action<Budget>? adjust = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var now = DateTime.UtcNow;
            var budget = new Budget
            {
                Title = "Budget " + Guid.NewGuid().ToString("N")[..8],
                Amount = 100,
                TerritoryId = await db.Territories.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(),
                ServiceName = service,
                Rule = rule,
                VoteForm = form,
                MaxPointsPerProject = form == BudgetVoteForm.Cumulative ? 3 : null,
                MaxPointsTotal = form == BudgetVoteForm.Cumulative ? 5 : null,
                IdeasFrom = now.AddDays(-30),
                StudyFrom = now.AddDays(-20),
                VoteFrom = now.AddDays(closed ? -10 : -1),
                VoteUntil = now.AddDays(closed ? -1 : 10),
                RealisationFrom = now.AddDays(30),
                PublishedAt = now.AddDays(-30),
            };
            adjust?.Invoke(budget);
            db.Budgets.Add(budget);
            await db.SaveChangesAsync();
            BudgetProject Project(string title, long cost, BudgetFeasibility feasibility = BudgetFeasibility.Feasible) => new()
            {
                BudgetId = budget.Id,
                Title = title,
                Cost = cost,
                Feasibility = feasibility,
                FeasibilityReason = feasibility == BudgetFeasibility.NotFeasible ? "Terrain inondable." : null,
            };
            var projects = new[]
            {
                Project("Projet A", 60), Project("Projet B", 30), Project("Projet C", 20),
                Project("Projet écarté", 10, BudgetFeasibility.NotFeasible),
            };
            db.BudgetProjects.AddRange(projects);
            await db.SaveChangesAsync();
            return new Made(budget.Id, projects[0].Id, projects[1].Id, projects[2].Id, projects[3].Id);
        });

    /// <summary>Ballots written straight into the database (no account behind them), each a list of (project, points).</summary>
    public static Task<int> AddBallotsAsync(this ParvisFactory app, int budget, int count, params (int Project, int Points)[] choices) =>
        app.InAAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var ballot = new BudgetBallot { BudgetId = budget, CastAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
                db.BudgetBallots.Add(ballot);
                await db.SaveChangesAsync();
                db.BudgetBallotChoices.AddRange(choices.Select(c =>
                    new BudgetBallotChoice { BallotId = ballot.Id, BudgetId = budget, ProjectId = c.Project, Points = c.Points }));
                await db.SaveChangesAsync();
            }
            return count;
        });

    /// <summary>The ballots of a budget: per ballot, its voter and its choices.</summary>
    public static Task<List<(Guid? User, Dictionary<int, int> Choices)>> BallotsAsync(this ParvisFactory app, int budget) =>
        app.InAAsync(async db =>
        {
            var ballots = await db.BudgetBallots.Where(b => b.BudgetId == budget).OrderBy(b => b.Id).ToListAsync();
            var choices = await db.BudgetBallotChoices.Where(c => c.BudgetId == budget).ToListAsync();
            return ballots.Select(b => (b.UserId, choices.Where(c => c.BallotId == b.Id).ToDictionary(c => c.ProjectId, c => c.Points))).ToList();
        });

    /// <summary>Posts the ballot form of the page as a browser would, with the given fields (a field may repeat).</summary>
    public static async Task<HttpResponseMessage> VoteAsync(this HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var page = await client.GetDocumentAsync(url);
        // A page without a form (the ballot refused to an anonymous visitor): the sign-in page's token.
        var token = (page.QuerySelector($"{BallotForm} input[name=__RequestVerificationToken]")
            ?? page.QuerySelector("input[name=__RequestVerificationToken]")
            ?? (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]"))!.GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token),
            .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
    }

    public static (string, string) Choice(int project) => ("Choices", project.Text());

    public static (string, string) Points(int project, int points) => ("Points_" + project.Text(), points.Text());

    public static IHtmlDocument Page(string html) => HtmlClient.Parse(html);
}
