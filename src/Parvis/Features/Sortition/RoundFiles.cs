using System.Text;
using Parvis.Domain;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Sortition;

/// <summary>
/// The two files of a round, as published and as run: people.csv (<c>id</c>, the features, <c>foyer</c> when one
/// person per household is asked) with the people still in the running, and quotas.csv with the quotas less the
/// people who already sit. Written by <see cref="CsvFile"/> (';', quoted texts) without its byte-order mark.
/// </summary>
public sealed record RoundFiles(string People, string Quotas, int PanelSize, bool OnePerHousehold)
{
    public const string HouseholdColumn = "foyer";

    /// <summary>The first round draws the whole panel from everyone; a replacement draws the seats of those who
    /// declined from the people never selected, each quota less the people who sit.</summary>
    public static RoundFiles For(Draw draw, IReadOnlyList<DrawPerson> pool, IReadOnlyList<DrawQuota> quotas, bool first)
    {
        var features = draw.FeatureList;
        var sitting = first ? [] : pool.Where(p => p.Sits).ToList();
        var candidates = first ? pool : [.. pool.Where(p => p.SelectedInRound is null)];
        var columns = new List<string> { "id" };
        columns.AddRange(features);
        if (draw.OnePerHousehold) columns.Add(HouseholdColumn);
        // A household that already sits has its seat: its other members cannot be drawn again.
        var seated = sitting.Select(p => p.Household).ToHashSet(StringComparer.Ordinal);
        var people = CsvFile.Text(CsvFormat.Semicolon, [.. columns], csv =>
        {
            foreach (var person in candidates.Where(p => !draw.OnePerHousehold || !seated.Contains(p.Household)))
            {
                var cells = new List<object?> { person.Code };
                cells.AddRange(person.ValueList);
                if (draw.OnePerHousehold) cells.Add(person.Household);
                csv.Row([.. cells]);
            }
        });
        var quotaFile = CsvFile.Text(CsvFormat.Semicolon, ["feature", "value", "min", "max"], csv =>
        {
            foreach (var quota in quotas)
            {
                var feature = features.ToList().IndexOf(quota.Feature);
                var taken = sitting.Count(p => p.ValueList[feature] == quota.Value);
                csv.Row(quota.Feature, quota.Value, Math.Max(0, quota.Min - taken), Math.Max(0, quota.Max - taken));
            }
        });
        return new RoundFiles(people, quotaFile, draw.PanelSize - sitting.Count, draw.OnePerHousehold);
    }

    public async Task<SortitionProblem> ProblemAsync()
    {
        using var quotaFile = Stream(Quotas);
        using var peopleFile = Stream(People);
        var quotas = await SortitionFiles.ReadQuotasAsync(quotaFile);
        var features = SortitionFiles.FeaturesOf(quotas);
        var people = await SortitionFiles.ReadPeopleAsync(peopleFile, features, OnePerHousehold ? HouseholdColumn : null);
        return new SortitionProblem(features, people, quotas, PanelSize, OnePerHousehold);
    }

    /// <summary>The command line that re-runs the round on the downloaded files, with the round's algorithm.</summary>
    public static string CommandLine(int panelSize, string seed, bool onePerHousehold, string algorithm) =>
        FormattableString.Invariant($"dotnet run --project src/Parvis -- sortition --people people.csv --quotas quotas.csv --panel {panelSize} --seed \"{seed}\"")
        + (onePerHousehold ? $" --household {HouseholdColumn}" : "") + " --algorithm " + FairDraw.NameOf(algorithm);

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
