using Parvis.Domain;

namespace Parvis.Tests.Budgets;

/// <summary>The budget's own rules: its phase from the dates, a ballot valid for each form of vote, the settings, the study.</summary>
public sealed class BudgetRulesTests
{
    private static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static Budget NewBudget(BudgetVoteForm form, int? k = null, int? perProject = null, int? total = null) => new()
    {
        Title = "Budget",
        Amount = 100,
        VoteForm = form,
        MaxChoices = k,
        MaxPointsPerProject = perProject,
        MaxPointsTotal = total,
        IdeasFrom = Start,
        StudyFrom = Start.AddDays(10),
        VoteFrom = Start.AddDays(20),
        VoteUntil = Start.AddDays(30),
        RealisationFrom = Start.AddDays(40),
        PublishedAt = Start,
    };

    private static readonly List<BudgetProject> Projects =
    [
        new() { Id = 1, Title = "A", Cost = 60, Feasibility = BudgetFeasibility.Feasible },
        new() { Id = 2, Title = "B", Cost = 30, Feasibility = BudgetFeasibility.Feasible },
        new() { Id = 3, Title = "C", Cost = 20, Feasibility = BudgetFeasibility.Feasible },
    ];

    private static Dictionary<int, int> Choose(params (int Project, int Points)[] choices) => choices.ToDictionary(c => c.Project, c => c.Points);

    private static string Refusal(Budget budget, Dictionary<int, int> choices) =>
        Assert.Throws<DomainException>(() => budget.CheckBallot(choices, Projects)).Message;

    [Theory]
    [InlineData(0, BudgetPhase.Ideas)]
    [InlineData(10, BudgetPhase.Study)]
    [InlineData(20, BudgetPhase.Vote)]
    [InlineData(29, BudgetPhase.Vote)]
    [InlineData(30, BudgetPhase.Results)]
    [InlineData(45, BudgetPhase.Realisation)]
    public void The_phase_follows_the_dates(int day, BudgetPhase expected)
    {
        var budget = NewBudget(BudgetVoteForm.Approval);
        Assert.Equal(expected, budget.PhaseAt(Start.AddDays(day)));
        Assert.Equal(expected == BudgetPhase.Vote, budget.IsVoteOpenAt(Start.AddDays(day)));
        Assert.Equal(expected >= BudgetPhase.Results, budget.HasResultsAt(Start.AddDays(day)));
    }

    [Fact]
    public void A_draft_never_opens_its_vote_nor_shows_results()
    {
        var budget = NewBudget(BudgetVoteForm.Approval);
        budget.PublishedAt = null;
        Assert.False(budget.IsVoteOpenAt(Start.AddDays(25)));
        Assert.False(budget.HasResultsAt(Start.AddDays(35)));
        Assert.Throws<DomainException>(() => budget.EnsureVoteOpen(Start.AddDays(25)));
    }

    [Fact]
    public void Approval_takes_any_number_of_projects_or_up_to_k()
    {
        NewBudget(BudgetVoteForm.Approval).CheckBallot(Choose((1, 1), (2, 1), (3, 1)), Projects);
        NewBudget(BudgetVoteForm.Approval, k: 2).CheckBallot(Choose((1, 1), (2, 1)), Projects);
        Assert.Equal("Vous pouvez choisir au plus 2 projets.", Refusal(NewBudget(BudgetVoteForm.Approval, k: 2), Choose((1, 1), (2, 1), (3, 1))));
        Assert.Equal("Ce vote se fait sans points : cochez les projets.", Refusal(NewBudget(BudgetVoteForm.Approval), Choose((1, 2))));
    }

    [Fact]
    public void Every_form_refuses_an_empty_ballot_and_a_project_not_on_the_ballot()
    {
        foreach (var form in Enum.GetValues<BudgetVoteForm>())
        {
            var budget = NewBudget(form, perProject: 3, total: 7);
            Assert.Equal("Choisissez au moins un projet.", Refusal(budget, []));
            Assert.Equal("Un des projets choisis ne fait pas partie de ce vote.", Refusal(budget, Choose((99, 1))));
        }
    }

    [Fact]
    public void Knapsack_takes_a_basket_that_fits_the_budget_and_refuses_one_that_does_not()
    {
        var budget = NewBudget(BudgetVoteForm.Knapsack);
        budget.CheckBallot(Choose((1, 1), (2, 1)), Projects);
        var error = Assert.Throws<DomainException>(() => budget.CheckBallot(Choose((1, 1), (2, 1), (3, 1)), Projects));
        Assert.Equal("Votre sélection coûte {0} €, plus que le budget de {1} € : retirez un projet.", error.Template);
        Assert.Equal(["110", "100"], error.Arguments.Select(a => a?.ToString()));
    }

    [Fact]
    public void Cumulative_keeps_the_points_per_project_and_in_all()
    {
        var budget = NewBudget(BudgetVoteForm.Cumulative, perProject: 3, total: 7);
        budget.CheckBallot(Choose((1, 3), (2, 3), (3, 1)), Projects);
        Assert.Equal("Donnez de 1 à {0} points par projet choisi.",
            Assert.Throws<DomainException>(() => budget.CheckBallot(Choose((1, 4)), Projects)).Template);
        Assert.Equal("Vous avez donné {0} points : au plus {1} en tout.",
            Assert.Throws<DomainException>(() => budget.CheckBallot(Choose((1, 3), (2, 3), (3, 2)), Projects)).Template);
    }

    [Fact]
    public void The_settings_need_ordered_dates_an_account_and_the_form_s_limits()
    {
        Assert.Null(NewBudget(BudgetVoteForm.Cumulative, perProject: 3, total: 7).ValidateSettings());
        Assert.NotNull(NewBudget(BudgetVoteForm.Cumulative).ValidateSettings());
        Assert.NotNull(NewBudget(BudgetVoteForm.Cumulative, perProject: 8, total: 7).ValidateSettings());
        var unordered = NewBudget(BudgetVoteForm.Approval);
        unordered.VoteUntil = unordered.VoteFrom;
        Assert.NotNull(unordered.ValidateSettings());
        var anonymous = NewBudget(BudgetVoteForm.Approval);
        anonymous.VoteLevel = ParticipationLevel.Anyone;
        Assert.NotNull(anonymous.ValidateSettings());
        var free = NewBudget(BudgetVoteForm.Approval);
        free.Amount = 0;
        Assert.NotNull(free.ValidateSettings());
    }

    [Fact]
    public void A_project_found_unfeasible_says_why_and_projects_freeze_when_the_vote_opens()
    {
        var project = new BudgetProject { Title = "Skatepark" };
        Assert.Equal("Dites publiquement pourquoi le projet n'est pas réalisable.",
            Assert.Throws<DomainException>(() => project.Study(BudgetFeasibility.NotFeasible, "  ", 1000)).Message);
        project.Study(BudgetFeasibility.NotFeasible, "Terrain inondable.", 1000);
        Assert.False(project.IsOnBallot);
        Assert.Equal("Terrain inondable.", project.FeasibilityReason);

        var budget = NewBudget(BudgetVoteForm.Approval);
        budget.EnsureProjectsEditable(Start.AddDays(19));
        Assert.Throws<DomainException>(() => budget.EnsureProjectsEditable(Start.AddDays(20)));
    }
}
