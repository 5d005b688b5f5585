using Parvis.Domain;

namespace Parvis.Features.Budgets;

/// <summary>Labels of budgets' phases, rules and forms, in French (translated by the resource file).</summary>
public static class BudgetLabels
{
    public static string Of(BudgetPhase phase) => phase switch
    {
        BudgetPhase.Ideas => "Dépôt des idées",
        BudgetPhase.Study => "Étude des projets",
        BudgetPhase.Vote => "Vote",
        BudgetPhase.Results => "Résultats",
        _ => "Réalisation",
    };

    public static string Of(BudgetRule rule) => rule == BudgetRule.Greedy
        ? "Par ordre de votes : les projets les plus soutenus d'abord, chacun financé s'il tient encore dans le budget"
        : "Méthode des parts égales (avec complément « add1 ») : chaque votant dispose d'une part égale du budget, "
            + "qu'il ne dépense que pour les projets qu'il a choisis";

    public static string ShortOf(BudgetRule rule) => rule == BudgetRule.Greedy ? "Par ordre de votes" : "Parts égales";

    public static string Of(BudgetVoteForm form) => form switch
    {
        BudgetVoteForm.Approval => "Vote par approbation : cochez les projets que vous soutenez",
        BudgetVoteForm.Knapsack => "Vote dans la limite du budget : votre sélection doit tenir dans le montant",
        _ => "Vote par points : répartissez vos points entre les projets",
    };

    public static string ShortOf(BudgetVoteForm form) => form switch
    {
        BudgetVoteForm.Approval => "Approbation",
        BudgetVoteForm.Knapsack => "Dans la limite du budget",
        _ => "Points",
    };

    public static string Of(BudgetFeasibility feasibility) => feasibility switch
    {
        BudgetFeasibility.Pending => "À l'étude",
        BudgetFeasibility.Feasible => "Réalisable",
        _ => "Non réalisable",
    };

    /// <summary>The published tie-breaking order, written on the results page.</summary>
    public const string TieBreaking = "En cas d'égalité, passe d'abord le projet qui a le plus de voix (ou de points), "
        + "puis le moins coûteux, puis celui dont le numéro est le plus petit.";
}
