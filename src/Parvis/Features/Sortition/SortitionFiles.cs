using System.Globalization;
using System.Text;
using Parvis.Domain;
using Parvis.Features.Identity;

namespace Parvis.Features.Sortition;

/// <summary>
/// The two files of a draw, in the Sortition Foundation's formats: quotas.csv with the columns
/// <c>feature,value,min,max</c>, people.csv with an <c>id</c> column and one column per feature named in the
/// quotas (other columns are ignored; the household column is named by the caller). ',' or ';', UTF-8 with or
/// without BOM, column names compared without case. Every problem is a French <see cref="DomainException"/>
/// naming the file and the line.
/// </summary>
public static class SortitionFiles
{
    public static async Task<List<Quota>> ReadQuotasAsync(Stream stream)
    {
        var quotas = new List<Quota>();
        string[]? header = null;
        await foreach (var row in Read(stream, "quotas"))
        {
            if (header is null)
            {
                header = Normalize(row.Fields);
                RequireColumns("quotas", header, "feature", "value", "min", "max");
                continue;
            }
            var columns = header;
            string Cell(string column) => Field(row, Array.IndexOf(columns, column));
            var feature = Cell("feature");
            var value = Cell("value");
            if (feature.Length == 0 || value.Length == 0)
                throw DomainException.WithValues("quotas, ligne {0} : la caractéristique et la valeur sont obligatoires.", row.Line);
            quotas.Add(new Quota(feature, value, Number(row, Cell("min"), "min"), Number(row, Cell("max"), "max")));
        }
        if (header is null) throw new DomainException("Le fichier des quotas est vide.");
        if (quotas.Count == 0) throw new DomainException("Le fichier des quotas ne contient aucun quota.");
        return quotas;
    }

    /// <summary>Reads the pool; <paramref name="features"/> are the quotas' features, in their order.</summary>
    public static async Task<List<PoolPerson>> ReadPeopleAsync(Stream stream, IReadOnlyList<string> features, string? householdColumn = null)
    {
        var people = new List<PoolPerson>();
        string[]? header = null;
        int[] featureColumns = [];
        var householdIndex = -1;
        await foreach (var row in Read(stream, "personnes"))
        {
            if (header is null)
            {
                header = Normalize(row.Fields);
                var wanted = new List<string> { "id" };
                wanted.AddRange(features);
                if (householdColumn is not null) wanted.Add(householdColumn);
                RequireColumns("personnes", header, [.. wanted]);
                featureColumns = [.. features.Select(f => Array.IndexOf(header, Key(f)))];
                if (householdColumn is not null) householdIndex = Array.IndexOf(header, Key(householdColumn));
                continue;
            }
            var id = Field(row, Array.IndexOf(header, "id"));
            if (id.Length == 0) throw DomainException.WithValues("personnes, ligne {0} : l'identifiant est vide.", row.Line);
            people.Add(new PoolPerson(id, [.. featureColumns.Select(c => Field(row, c))], householdIndex < 0 ? null : Field(row, householdIndex)));
        }
        if (header is null) throw new DomainException("Le fichier des personnes est vide.");
        return people;
    }

    /// <summary>The quotas' features, in the order they first appear.</summary>
    public static List<string> FeaturesOf(IEnumerable<Quota> quotas) => [.. quotas.Select(q => q.Feature).Distinct(StringComparer.Ordinal)];

    private static async IAsyncEnumerable<CsvRow> Read(Stream stream, string file)
    {
        var rows = CsvRows.ReadAsync(stream).GetAsyncEnumerator();
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await rows.MoveNextAsync();
                }
                catch (DecoderFallbackException)
                {
                    throw DomainException.WithValues("Le fichier {0} n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 ».", file);
                }
                if (!more) yield break;
                yield return rows.Current;
            }
        }
        finally
        {
            await rows.DisposeAsync();
        }
    }

    private static string[] Normalize(IReadOnlyList<string> header) => [.. header.Select(Key)];

    private static string Key(string column) => column.Trim().ToLowerInvariant();

    private static void RequireColumns(string file, string[] header, params string[] columns)
    {
        var missing = columns.Where(c => !header.Contains(Key(c))).ToList();
        if (missing.Count > 0)
            throw DomainException.WithValues("Colonnes manquantes dans le fichier {0} : {1}.", file, string.Join(", ", missing));
    }

    private static string Field(CsvRow row, int index) => index < row.Fields.Count ? row.Fields[index].Trim() : "";

    private static int Number(CsvRow row, string text, string column) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100_000
            ? n
            : throw DomainException.WithValues("quotas, ligne {0} : « {1} » n'est pas un nombre entier positif ({2}).", row.Line, text, column);
}
