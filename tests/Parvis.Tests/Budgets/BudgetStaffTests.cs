using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Budgets;

/// <summary>Staff pages of budgets: creating a budget and its projects, the study, publication, who may, and the audit log.</summary>
[Collection(CivicAppCollection.Name)]
public class BudgetStaffTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private const string SettingsForm = "main form:not([action*=handler])";

    private static string Local(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, string?>> ValidAsync(string title) => new()
    {
        ["Form.Title"] = title,
        ["Form.Description"] = "Vos **projets** pour la ville.",
        ["Form.Amount"] = "300000",
        ["Form.TerritoryId"] = (await _app.InAAsync(db => db.Territories.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync())).Text(),
        ["Form.VoteLevel"] = "ConfirmedAccount",
        ["Form.Rule"] = "EqualShares",
        ["Form.VoteForm"] = "Cumulative",
        ["Form.MaxPointsPerProject"] = "3",
        ["Form.MaxPointsTotal"] = "7",
        ["Form.IdeasFrom"] = Local(DateTime.Today.AddDays(1)),
        ["Form.StudyFrom"] = Local(DateTime.Today.AddDays(30)),
        ["Form.VoteFrom"] = Local(DateTime.Today.AddDays(60)),
        ["Form.VoteUntil"] = Local(DateTime.Today.AddDays(80)),
        ["Form.RealisationFrom"] = Local(DateTime.Today.AddDays(120)),
    };

    private Task<List<string>> AuditAsync(int budget) =>
        _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == "Budget" && a.TargetId == budget.Text()).OrderBy(a => a.Id)
            .Select(a => a.Action).ToListAsync());

    [Fact]
    public async Task An_administrator_creates_a_budget_adds_a_project_studies_it_and_publishes_every_step_audited()
    {
        var admin = await _app.SignedInAsync("admin");
        var title = "Budget " + Guid.NewGuid().ToString("N")[..8];
        var response = await admin.SubmitAsync("/admin/budgets/nouveau", "main form", await ValidAsync(title));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var budget = await _app.InAAsync(db => db.Budgets.SingleAsync(b => b.Title == title));
        Assert.Equal((300_000L, BudgetRule.EqualShares, BudgetVoteForm.Cumulative, 3, 7, (DateTime?)null),
            (budget.Amount, budget.Rule, budget.VoteForm, budget.MaxPointsPerProject ?? 0, budget.MaxPointsTotal ?? 0, budget.PublishedAt));
        var url = $"/admin/budgets/{budget.Id}";

        response = await admin.SubmitAsync(url, $"form[action='{url}?handler=AddProject']", new Dictionary<string, string?>
        {
            ["Project.Title"] = "Un skatepark",
            ["Project.Cost"] = "400000",
            ["Project.Feasibility"] = "Pending",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var project = await _app.InAAsync(db => db.BudgetProjects.SingleAsync(p => p.BudgetId == budget.Id));

        // Not feasible without a public reason: refused, nothing changed.
        var projectUrl = $"/admin/budgets/projets/{project.Id}";
        var page = await admin.SubmitAndReadAsync(projectUrl, "main form", new Dictionary<string, string?> { ["Project.Feasibility"] = "NotFeasible" });
        Assert.Contains("Dites publiquement pourquoi le projet n'est pas réalisable.", page.Errors());
        Assert.Equal(BudgetFeasibility.Pending, (await _app.InAAsync(db => db.BudgetProjects.SingleAsync(p => p.Id == project.Id))).Feasibility);
        response = await admin.SubmitAsync(projectUrl, "main form", new Dictionary<string, string?>
        {
            ["Project.Feasibility"] = "NotFeasible",
            ["Project.FeasibilityReason"] = "Le terrain est inondable.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        project = await _app.InAAsync(db => db.BudgetProjects.SingleAsync(p => p.Id == project.Id));
        Assert.Equal((BudgetFeasibility.NotFeasible, "Le terrain est inondable."), (project.Feasibility, project.FeasibilityReason));

        response = await admin.SubmitAsync(url, $"form[action='{url}?handler=Publish']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull((await _app.InAAsync(db => db.Budgets.SingleAsync(b => b.Id == budget.Id))).PublishedAt);
        Assert.Equal(["budget.create", "budget.project.create", "budget.project.study", "budget.publish"], await AuditAsync(budget.Id));
        var publicPage = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/budgets/{budget.Id}");
        Assert.Contains("Le terrain est inondable.", publicPage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_are_refused_in_French_and_nothing_is_saved()
    {
        var admin = await _app.SignedInAsync("admin");
        var title = "Budget " + Guid.NewGuid().ToString("N")[..8];
        var values = await ValidAsync(title);
        values["Form.MaxPointsPerProject"] = "9";
        var page = await admin.SubmitAndReadAsync("/admin/budgets/nouveau", "main form", values);
        Assert.Contains("Les points par projet ne peuvent dépasser les points en tout.", page.Errors());
        values["Form.MaxPointsPerProject"] = "3";
        values["Form.VoteUntil"] = values["Form.VoteFrom"];
        page = await admin.SubmitAndReadAsync("/admin/budgets/nouveau", "main form", values);
        Assert.Contains("Les dates des phases doivent se suivre : idées, étude, vote, résultats, réalisation.", page.Errors());
        Assert.Equal(title, page.QuerySelector("#Form_Title")!.GetAttribute("value"));
        Assert.False(await _app.InAAsync(db => db.Budgets.AnyAsync(b => b.Title == title)));
    }

    [Theory]
    [InlineData("anonymous", "/compte/connexion")]
    [InlineData("citizen", "/compte/acces-refuse")]
    [InlineData("agent", "/compte/acces-refuse")]
    public async Task Citizens_and_agents_of_another_service_are_turned_away(string person, string redirect)
    {
        // The agent of the demo is the Service urbanisme's; this budget is the Service voirie's.
        var b = await _app.NewBudgetAsync(service: "Service voirie", adjust: x => x.VoteFrom = x.VoteUntil = DateTime.UtcNow.AddDays(5));
        var client = person switch
        {
            "anonymous" => _app.ClientFor(ParvisFactory.HostA),
            "citizen" => (await _app.CitizenClientAsync()).Client,
            _ => await _app.SignedInAsync(person),
        };
        var token = ((await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")
            ?? (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]"))!.GetAttribute("value")!;
        var gets = new[] { $"/admin/budgets/{b.Id}", $"/admin/budgets/projets/{b.A}" };
        var posts = new[] { $"/admin/budgets/{b.Id}", $"/admin/budgets/{b.Id}?handler=Publish", $"/admin/budgets/{b.Id}?handler=AddProject", $"/admin/budgets/projets/{b.A}" };
        if (person != "agent")
        {
            gets = [.. gets, "/admin/budgets", "/admin/budgets/nouveau"];
            posts = [.. posts, "/admin/budgets/nouveau"];
        }
        var answers = new List<(string, HttpResponseMessage)>();
        foreach (var url in gets) answers.Add(("GET " + url, await client.GetAsync(url)));
        foreach (var url in posts)
            answers.Add(("POST " + url, await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Project.Title", "Intrus"),
                new("Project.Cost", "10"), new("Project.Feasibility", "Feasible")]))));
        foreach (var (route, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route}: {(int)response.StatusCode}");
            Assert.StartsWith(redirect, response.Headers.Location!.OriginalString.Replace("http://a.test", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        Assert.Empty(await AuditAsync(b.Id));
        Assert.Equal(4, await _app.InAAsync(db => db.BudgetProjects.CountAsync(p => p.BudgetId == b.Id)));
    }

    [Fact]
    public async Task Once_the_vote_is_open_projects_no_longer_change()
    {
        var b = await _app.NewBudgetAsync();
        var admin = await _app.SignedInAsync("admin");
        var page = await admin.GetDocumentAsync($"/admin/budgets/{b.Id}");
        Assert.Null(page.QuerySelector("form[action*=AddProject]"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await admin.PostAsync($"/admin/budgets/projets/{b.A}", new FormUrlEncodedContent([new("__RequestVerificationToken", token),
            new("Project.Title", "Projet A"), new("Project.Cost", "5"), new("Project.Feasibility", "Feasible")]));
        Assert.Contains("Les projets ne changent plus une fois le vote ouvert : chacun doit voter sur le même bulletin.",
            BudgetData.Page(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(60, (await _app.InAAsync(db => db.BudgetProjects.SingleAsync(p => p.Id == b.A))).Cost);

        // Nor is one added by posting the form the page no longer shows.
        response = await admin.PostAsync($"/admin/budgets/{b.Id}?handler=AddProject", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("Project.Title", "Projet tardif"), new("Project.Cost", "5"),
            new("Project.Feasibility", "Feasible")]));
        Assert.Contains("Les projets ne changent plus une fois le vote ouvert : chacun doit voter sur le même bulletin.",
            BudgetData.Page(await response.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(4, await _app.InAAsync(db => db.BudgetProjects.CountAsync(p => p.BudgetId == b.Id)));
        Assert.Empty(await AuditAsync(b.Id));
    }

    [Fact]
    public async Task An_agent_lists_their_service_s_budgets_and_those_of_no_service_never_another_service_s()
    {
        // The demo's agent is the Service urbanisme's.
        var own = await _app.NewBudgetAsync(service: "Service urbanisme");
        var unassigned = await _app.NewBudgetAsync();
        var other = await _app.NewBudgetAsync(service: "Service voirie");
        var titles = await _app.InAAsync(db => db.Budgets.Where(x => x.Id == own.Id || x.Id == unassigned.Id || x.Id == other.Id)
            .ToDictionaryAsync(x => x.Id, x => x.Title));

        var list = (await (await _app.SignedInAsync("agent")).GetDocumentAsync("/admin/budgets")).Body!.TextContent;
        Assert.Contains(titles[own.Id], list, StringComparison.Ordinal);
        Assert.Contains(titles[unassigned.Id], list, StringComparison.Ordinal);
        Assert.DoesNotContain(titles[other.Id], list, StringComparison.Ordinal);

        var all = (await (await _app.SignedInAsync("admin")).GetDocumentAsync("/admin/budgets")).Body!.TextContent;
        Assert.Contains(titles[other.Id], all, StringComparison.Ordinal);
    }
}
