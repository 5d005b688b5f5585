namespace Parvis.Features.Statistics;

/// <summary>The French texts the statistics' code writes into its tables, translated when shown.</summary>
public static class StatisticsLabels
{
    public const string ByMonth = "Contributions par mois";
    public const string ByChannel = "Contributions par canal";
    public const string ByTerritory = "Contributions par territoire";
    public const string ByAge = "Participants par tranche d'âge vérifiée";
    public const string ByConsultation = "Les concertations qui ont reçu le plus de contributions";
    public const string Contributions = "Contributions";
    public const string Participants = "Participants";
    public const string Newcomers = "dont nouveaux";
    public const string Returning = "dont déjà venus";
    public const string TerritoryItself = "{0}, sans précision";
    public const string AgeUnknown = "âge non vérifié";

    public static readonly string[] All =
    [
        ByMonth, ByChannel, ByTerritory, ByAge, ByConsultation, Contributions, Participants, Newcomers, Returning,
        TerritoryItself, AgeUnknown,
    ];
}
