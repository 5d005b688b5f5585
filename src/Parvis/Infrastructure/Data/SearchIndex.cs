using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using Parvis.Domain;

namespace Parvis.Infrastructure.Data;

internal sealed class SearchEntryConfiguration : IEntityTypeConfiguration<SearchEntry>
{
    public void Configure(EntityTypeBuilder<SearchEntry> b)
    {
        b.Property(e => e.Title).HasMaxLength(SearchEntry.MaxTitle);
        b.HasIndex(e => new { e.Kind, e.ItemId }).IsUnique();
        // The page: newest first, by key.
        b.HasIndex(e => new { e.OrganizationId, e.At, e.Id });
    }
}

/// <summary>A phrase of the query: its plain words in order, null where a stop word keeps a place.</summary>
public sealed record SearchPhrase(IReadOnlyList<string?> Words);

/// <summary>The full-text side of the search, one per provider: the index's columns and the match.</summary>
public static class SearchIndex
{
    public const string PostgresConfiguration = "parvis_fr";

    /// <summary>PostgreSQL indexes a tsvector it computes from the text; SQLite's FTS5 table reads <c>Terms</c>.</summary>
    public static void Register(ModelBuilder builder, string? provider)
    {
        var entry = builder.Entity<SearchEntry>();
        if (IsPostgres(provider))
        {
            entry.Ignore(e => e.Terms);
            entry.Property<NpgsqlTsVector>("Vector").HasComputedColumnSql(
                $"""to_tsvector('{PostgresConfiguration}'::regconfig, translate("Title" || ' ' || "Text", '-', ' '))""", stored: true);
            entry.HasIndex("Vector").HasMethod("GIN");
        }
    }

    public static bool IsPostgres(string? provider) => provider?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>The entries holding every phrase (a single word is a phrase of one).</summary>
    public static IQueryable<SearchEntry> Matching(ParvisDbContext db, IReadOnlyList<SearchPhrase> phrases)
    {
        if (IsPostgres(db.Database.ProviderName))
        {
            var query = PostgresQuery(phrases);
            return db.SearchEntries.Where(e =>
                EF.Property<NpgsqlTsVector>(e, "Vector").Matches(EF.Functions.ToTsQuery(PostgresConfiguration, query)));
        }
        var fts = SqliteQuery(phrases);
        var ids = db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"SearchFts\" WHERE \"SearchFts\" MATCH {fts}");
        return db.SearchEntries.Where(e => ids.Contains(e.Id));
    }

    // '(velo | velos | velox) <2> (cyclabl…)': PostgreSQL stems each variant, the distance counts the stop words.
    internal static string PostgresQuery(IReadOnlyList<SearchPhrase> phrases) =>
        string.Join(" & ", phrases.Select(p =>
        {
            var parts = new List<string>();
            var distance = 0;
            foreach (var word in Trim(p.Words))
            {
                distance++;
                if (word is null) continue;
                var variants = "(" + string.Join(" | ", SearchText.Variants(word).Select(v => $"'{v}'")) + ")";
                parts.Add(parts.Count == 0 ? variants : $"<{distance}> {variants}");
                distance = 0;
            }
            return "(" + string.Join(" ", parts) + ")";
        }));

    // '"velo" "pist zz cyclabl"': phrases of stems, ANDed; a stop word is the index's gap token.
    internal static string SqliteQuery(IReadOnlyList<SearchPhrase> phrases) =>
        string.Join(" ", phrases.Select(p =>
            "\"" + string.Join(" ", Trim(p.Words).Select(w => w is null ? SearchText.Gap : SearchText.Term(w))) + "\""));

    private static IEnumerable<string?> Trim(IReadOnlyList<string?> words) =>
        words.SkipWhile(w => w is null).Reverse().SkipWhile(w => w is null).Reverse();
}
