namespace Parvis.Domain;

/// <summary>The phases of a participatory budget, in their order; each starts at its date.</summary>
public enum BudgetPhase { Ideas, Study, Vote, Results, Realisation }

/// <summary>The counting rule, chosen and announced before the vote.</summary>
public enum BudgetRule
{
    /// <summary>Greedy by votes: projects in decreasing order of votes, each funded if it still fits.</summary>
    Greedy,

    /// <summary>The Method of Equal Shares with the add1 completion (as in Wieliczka).</summary>
    EqualShares,
}

/// <summary>What a ballot holds, chosen before the vote.</summary>
public enum BudgetVoteForm
{
    /// <summary>Any number of projects, or up to <see cref="Budget.MaxChoices"/>.</summary>
    Approval,

    /// <summary>Projects whose total cost fits in the budget (Decidim's knapsack).</summary>
    Knapsack,

    /// <summary>Points shared among projects: at most so many per project and so many in all (Toulouse 2019: 3 and 7).</summary>
    Cumulative,
}

/// <summary>
/// A participatory budget: an amount in euros that residents share among projects by their votes, in phases with dates
/// (ideas → study → vote → results → realisation). The rule and the form of the ballot are set before the vote opens and
/// never change after; only feasible projects are on the ballot. A person has one ballot, which they may replace until the
/// vote closes.
/// </summary>
public class Budget : ITenantOwned, IParticipationSpace, IServiceOwned
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 20_000;
    public const long MaxAmount = 10_000_000_000;
    public const int MaxPoints = 100;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Title { get; set; }
    public string DescriptionMarkdown { get; set; } = "";
    /// <summary>Whole euros.</summary>
    public long Amount { get; set; }
    /// <summary>The territory whose residents vote (the organization's commune for a city-wide budget).</summary>
    public int TerritoryId { get; set; }
    public string? ServiceName { get; set; }
    /// <summary>Who may vote: at least an account (one ballot per person), or a verified attribute.</summary>
    public ParticipationLevel VoteLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
    public int? MinimumAge { get; set; }
    public BudgetRule Rule { get; set; }
    public BudgetVoteForm VoteForm { get; set; }
    /// <summary>Approval: at most this many projects (none: any number).</summary>
    public int? MaxChoices { get; set; }
    /// <summary>Cumulative: at most this many points on one project.</summary>
    public int? MaxPointsPerProject { get; set; }
    /// <summary>Cumulative: at most this many points in all.</summary>
    public int? MaxPointsTotal { get; set; }
    public DateTime IdeasFrom { get; set; }
    public DateTime StudyFrom { get; set; }
    public DateTime VoteFrom { get; set; }
    /// <summary>The vote closes at this moment; the results are counted from then.</summary>
    public DateTime VoteUntil { get; set; }
    public DateTime RealisationFrom { get; set; }
    /// <summary>Public from then; a draft is seen by staff only.</summary>
    public DateTime? PublishedAt { get; set; }

    int IParticipationSpace.TerritoryId => TerritoryId;

    /// <summary>Voting needs at least an account: a ballot belongs to one person.</summary>
    public ActionRequirement RequirementFor(ParticipationAction action) =>
        new(VoteLevel < ParticipationLevel.ConfirmedAccount ? ParticipationLevel.ConfirmedAccount : VoteLevel, MinimumAge);

    public bool IsPublished => PublishedAt is not null;

    /// <summary>An amount as the pages write it: "1 500 000" (French digit groups).</summary>
    public static string Euros(long amount) => amount.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));

    /// <summary>The phase under way at <paramref name="now"/>, from the dates alone.</summary>
    public BudgetPhase PhaseAt(DateTime now) =>
        now < StudyFrom ? BudgetPhase.Ideas
        : now < VoteFrom ? BudgetPhase.Study
        : now < VoteUntil ? BudgetPhase.Vote
        : now < RealisationFrom ? BudgetPhase.Results
        : BudgetPhase.Realisation;

    public bool IsVoteOpenAt(DateTime now) => IsPublished && PhaseAt(now) == BudgetPhase.Vote;

    /// <summary>The results are counted once the vote has closed.</summary>
    public bool HasResultsAt(DateTime now) => IsPublished && now >= VoteUntil;

    public void EnsureVoteOpen(DateTime now)
    {
        if (!IsVoteOpenAt(now))
            throw new DomainException("Le vote de ce budget n'est pas ouvert : il n'est pas possible de voter.");
    }

    /// <summary>The rule and the ballot are announced before the vote: once it has opened they stay as they are.</summary>
    public bool SettingsFrozenAt(DateTime now) => IsPublished && now >= VoteFrom;

    /// <summary>Projects (and their study) change until the vote opens: every voter sees the same ballot.</summary>
    public void EnsureProjectsEditable(DateTime now)
    {
        if (SettingsFrozenAt(now))
            throw new DomainException("Les projets ne changent plus une fois le vote ouvert : chacun doit voter sur le même bulletin.");
    }

    /// <summary>The settings an organizer may choose; the French message of the first one that does not hold, or null.</summary>
    public string? ValidateSettings()
    {
        if (Amount is <= 0 or > MaxAmount) return "Le montant doit être un nombre entier d'euros, supérieur à zéro.";
        if (!Enum.IsDefined(VoteLevel) || VoteLevel < ParticipationLevel.ConfirmedAccount)
            return "Pour voter, il faut au moins un compte : un bulletin appartient à une personne.";
        if (MinimumAge is { } age && !ParticipationRules.MinimumAges.Contains(age)) return "Choisissez un âge minimum de 16 ou 18 ans.";
        if (!Enum.IsDefined(Rule) || !Enum.IsDefined(VoteForm)) return "Choisissez la règle et la forme du vote.";
        if (!(IdeasFrom <= StudyFrom && StudyFrom <= VoteFrom && VoteFrom < VoteUntil && VoteUntil <= RealisationFrom))
            return "Les dates des phases doivent se suivre : idées, étude, vote, résultats, réalisation.";
        if (VoteForm == BudgetVoteForm.Approval && MaxChoices is < 1 or > MaxPoints)
            return "Le nombre maximal de projets à choisir doit être compris entre 1 et 100.";
        if (VoteForm == BudgetVoteForm.Cumulative)
        {
            if (MaxPointsPerProject is not (>= 1 and <= MaxPoints) || MaxPointsTotal is not (>= 1 and <= MaxPoints))
                return "Pour un vote par points, indiquez les points par projet et les points en tout (de 1 à 100).";
            if (MaxPointsPerProject > MaxPointsTotal) return "Les points par projet ne peuvent dépasser les points en tout.";
        }
        return null;
    }

    /// <summary>
    /// Checks a ballot against the form of the vote: <paramref name="choices"/> maps each chosen project to its points (1 for
    /// approval), <paramref name="ballotProjects"/> are the projects on the ballot (the feasible ones). Throws the broken rule.
    /// </summary>
    public void CheckBallot(IReadOnlyDictionary<int, int> choices, IReadOnlyList<BudgetProject> ballotProjects)
    {
        if (choices.Count == 0) throw new DomainException("Choisissez au moins un projet.");
        var onBallot = ballotProjects.ToDictionary(p => p.Id);
        if (choices.Keys.Any(id => !onBallot.ContainsKey(id)))
            throw new DomainException("Un des projets choisis ne fait pas partie de ce vote.");
        switch (VoteForm)
        {
            case BudgetVoteForm.Approval:
                if (choices.Values.Any(points => points != 1)) throw new DomainException("Ce vote se fait sans points : cochez les projets.");
                if (MaxChoices is { } k && choices.Count > k)
                    throw DomainException.WithValues("Vous pouvez choisir au plus {0} projets.", k);
                break;
            case BudgetVoteForm.Knapsack:
                if (choices.Values.Any(points => points != 1)) throw new DomainException("Ce vote se fait sans points : cochez les projets.");
                var total = choices.Keys.Sum(id => onBallot[id].Cost);
                if (total > Amount)
                    throw DomainException.WithValues("Votre sélection coûte {0} €, plus que le budget de {1} € : retirez un projet.",
                        Euros(total), Euros(Amount));
                break;
            default:
                if (choices.Values.Any(points => points < 1 || points > MaxPointsPerProject))
                    throw DomainException.WithValues("Donnez de 1 à {0} points par projet choisi.", MaxPointsPerProject ?? 0);
                if (choices.Values.Sum() > MaxPointsTotal)
                    throw DomainException.WithValues("Vous avez donné {0} points : au plus {1} en tout.", choices.Values.Sum(),
                        MaxPointsTotal ?? 0);
                break;
        }
    }
}

public enum BudgetFeasibility { Pending, Feasible, NotFeasible }

/// <summary>
/// A project of a budget: what it is, its cost in euros, where; the services' study says whether it is feasible, with a public
/// reason when it is not. Only feasible projects go to the vote.
/// </summary>
public class BudgetProject : ITenantOwned
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 10_000;
    public const int MaxReason = 2_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int BudgetId { get; set; }
    public required string Title { get; set; }
    public string DescriptionMarkdown { get; set; } = "";
    /// <summary>Whole euros: the study's estimate.</summary>
    public long Cost { get; set; }
    public int? TerritoryId { get; set; }
    /// <summary>The idea (a citizen proposal) the project comes from, if any.</summary>
    public int? SourceProposalId { get; set; }
    public BudgetFeasibility Feasibility { get; set; }
    /// <summary>Public: why the project is not feasible (or what the study changed).</summary>
    public string? FeasibilityReason { get; set; }

    public bool IsOnBallot => Feasibility == BudgetFeasibility.Feasible;

    /// <summary>Records the study's answer; an unfeasible project always says why.</summary>
    public void Study(BudgetFeasibility feasibility, string? reason, long cost)
    {
        if (!Enum.IsDefined(feasibility)) throw new DomainException("Choisissez le résultat de l'étude.");
        if (cost is <= 0 or > Budget.MaxAmount) throw new DomainException("Le coût doit être un nombre entier d'euros, supérieur à zéro.");
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why?.Length > MaxReason) throw new DomainException("La raison dépasse 2 000 caractères.");
        if (feasibility == BudgetFeasibility.NotFeasible && why is null)
            throw new DomainException("Dites publiquement pourquoi le projet n'est pas réalisable.");
        Feasibility = feasibility;
        FeasibilityReason = why;
        Cost = cost;
    }
}

/// <summary>One person's ballot on a budget (one per person, replaced when they vote again); its choices are rows of their own.</summary>
public class BudgetBallot : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int BudgetId { get; set; }
    /// <summary>The voter's account; null once the account is deleted (the ballot still counts) or for generated demo ballots.</summary>
    public Guid? UserId { get; set; }
    public Channel Channel { get; set; } = Channel.Online;
    public DateTime CastAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A project chosen on a ballot, with its points (1 for approval).</summary>
public class BudgetBallotChoice : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public long BallotId { get; set; }
    public int BudgetId { get; set; }
    public int ProjectId { get; set; }
    public int Points { get; set; } = 1;
}
