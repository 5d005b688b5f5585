using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Parvis.Infrastructure.Data;

/// <summary>
/// The SQL of the search index that EF Core's model does not hold: PostgreSQL's text-search configuration
/// (unaccent, then the French Snowball stemmer), SQLite's FTS5 table and its triggers, and the backfill of the items
/// that exist, run by the migration and by the bench data generator.
/// </summary>
public static class SearchIndexSql
{
    /// <summary>Before the table: its computed tsvector needs the configuration.</summary>
    public const string PostgresConfiguration = """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'parvis_fr') THEN
            CREATE TEXT SEARCH CONFIGURATION parvis_fr (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION parvis_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
          END IF;
        END $$;
        """;

    /// <summary>After the table: the FTS5 table reads the analysed words of <c>Terms</c>, kept in step by triggers.</summary>
    public const string SqliteFullText = """
        CREATE VIRTUAL TABLE "SearchFts" USING fts5("Terms", content='SearchEntries', content_rowid='Id', tokenize='unicode61');
        CREATE TRIGGER "SearchEntries_Insert" AFTER INSERT ON "SearchEntries" BEGIN
          INSERT INTO "SearchFts"(rowid, "Terms") VALUES (new."Id", new."Terms");
        END;
        CREATE TRIGGER "SearchEntries_Delete" AFTER DELETE ON "SearchEntries" BEGIN
          INSERT INTO "SearchFts"("SearchFts", rowid, "Terms") VALUES ('delete', old."Id", old."Terms");
        END;
        CREATE TRIGGER "SearchEntries_Update" AFTER UPDATE ON "SearchEntries" BEGIN
          INSERT INTO "SearchFts"("SearchFts", rowid, "Terms") VALUES ('delete', old."Id", old."Terms");
          INSERT INTO "SearchFts"(rowid, "Terms") VALUES (new."Id", new."Terms");
        END;
        """;

    public const string PostgresDown = "DROP TEXT SEARCH CONFIGURATION IF EXISTS parvis_fr;";

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS "SearchEntries_Insert"; DROP TRIGGER IF EXISTS "SearchEntries_Delete";
        DROP TRIGGER IF EXISTS "SearchEntries_Update"; DROP TABLE IF EXISTS "SearchFts";
        """;

    // Kind, table, title, text, territory, date: what each entity's ToSearchDocument gives, in SQL. The kinds of the
    // first search migration; the migration MoreSearchKinds backfills the others (each list as it was then).
    private static readonly Source[] FirstKinds =
    [
        new("Consultation", "Consultations", "\"Title\"", "\"Summary\" || char(10) || char(10) || \"BodyMarkdown\"", "\"TerritoryId\"",
            "coalesce(\"PublishedAt\", \"InformationStartsAt\")"),
        new("Contribution", "Contributions", "coalesce(\"Title\", '')", "\"Body\"", "\"TerritoryId\"", "\"CreatedAt\""),
        new("Comment", "Comments", "''", "\"Body\"", "NULL", "\"CreatedAt\""),
        new("Proposal", "Proposals", "\"Title\"", "\"Body\"", "\"TerritoryId\"", "\"CreatedAt\""),
        new("Petition", "Petitions", "\"Title\"", "\"Request\" || char(10) || char(10) || \"Reasons\"", "\"TerritoryId\"",
            "coalesce(\"PublishedAt\", \"CreatedAt\")"),
    ];

    private static readonly Source[] MoreKinds =
    [
        new("Request", "ServiceRequests", "''", "\"Description\" || coalesce(char(10) || char(10) || \"Address\", '')",
            "\"TerritoryId\"", "\"SubmittedAt\""),
        new("Outcome", "Outcomes", "\"Title\"", "\"DescriptionMarkdown\"", "\"TerritoryId\"", "coalesce(\"PublishedAt\", \"CreatedAt\")"),
        new("Project", "Projects", "\"Title\"", "\"Summary\" || char(10) || char(10) || \"DescriptionMarkdown\"", "\"TerritoryId\"",
            "coalesce(\"PublishedAt\", \"CreatedAt\")"),
        new("Meeting", "Meetings", "\"Title\"", "coalesce(\"AgendaMarkdown\", '') || CASE WHEN \"MinutesPublishedAt\" IS NULL THEN '' "
            + "ELSE char(10) || char(10) || coalesce(\"MinutesMarkdown\", '') END", "\"TerritoryId\"", "coalesce(\"PublishedAt\", \"CreatedAt\")"),
        new("Council", "Councils", "\"Name\"", "\"DescriptionMarkdown\"", "\"TerritoryId\"", "\"CreatedAt\""),
        new("Survey", "Surveys", "\"Title\"", "\"IntroMarkdown\"", "\"TerritoryId\"", "coalesce(\"PublishedAt\", EPOCH)"),
        new("News", "NewsPosts", "\"Title\"", "\"Summary\" || char(10) || char(10) || \"BodyMarkdown\"", "\"TerritoryId\"",
            "coalesce(\"PublishAt\", \"CreatedAt\")"),
    ];

    private sealed record Source(string Kind, string Table, string Title, string Text, string Territory, string At);

    /// <summary>Indexes the items not indexed yet (on SQLite through <c>parvis_terms</c>, <see cref="SqliteFunctions"/>).</summary>
    public static string Backfill(bool postgres) => Backfill(postgres, [.. FirstKinds, .. MoreKinds]);

    private static string Backfill(bool postgres, Source[] sources) => string.Join("\n", sources.Select(s =>
    {
        var title = $"substr({s.Title}, 1, {Domain.SearchEntry.MaxTitle})";
        var text = postgres ? s.Text.Replace("char(10)", "chr(10)", StringComparison.Ordinal) : s.Text;
        var terms = postgres ? "" : $", parvis_terms({title} || char(10) || {text})";
        // DateTime.UnixEpoch, as each provider stores it.
        var at = s.At.Replace("EPOCH", postgres ? "timestamptz '1970-01-01 00:00:00+00'" : "'1970-01-01 00:00:00'", StringComparison.Ordinal);
        return $"""
            INSERT INTO "SearchEntries" ("OrganizationId", "Kind", "ItemId", "TerritoryId", "Title", "Text", "At"{(postgres ? "" : ", \"Terms\"")})
            SELECT x."OrganizationId", '{s.Kind}', x."Id", {s.Territory}, {title}, {text}, {at}{terms} FROM "{s.Table}" x
            WHERE NOT EXISTS (SELECT 1 FROM "SearchEntries" e WHERE e."Kind" = '{s.Kind}' AND e."ItemId" = x."Id");
            """;
    }));

    public static Task<int> BackfillAsync(ParvisDbContext db) =>
        db.Database.ExecuteSqlRawAsync(Backfill(SearchIndex.IsPostgres(db.Database.ProviderName)));

    public static void Up(MigrationBuilder migration, bool postgres) =>
        migration.Sql(postgres ? Backfill(true, FirstKinds) : SqliteFullText + Backfill(false, FirstKinds));

    /// <summary>The migration MoreSearchKinds: the existing requests, outcomes, projects, meetings… indexed.</summary>
    public static void UpMoreKinds(MigrationBuilder migration, bool postgres) => migration.Sql(Backfill(postgres, MoreKinds));
}

/// <summary>
/// SQLite connections know <c>parvis_terms(text)</c>, the analyser of <see cref="SearchText"/>, for the backfill. Given
/// once, when EF Core creates the connection (still closed): the connection keeps it and declares it to SQLite at each
/// open by itself (about 3 µs); given at each open, it was declared twice (about 10 µs per open).
/// </summary>
public sealed class SqliteFunctions : DbConnectionInterceptor
{
    public static readonly SqliteFunctions Instance = new();

    public override DbConnection ConnectionCreated(ConnectionCreatedEventData eventData, DbConnection result)
    {
        if (result is SqliteConnection sqlite)
            sqlite.CreateFunction("parvis_terms", (string? text) => SearchText.IndexTerms(text), isDeterministic: true);
        return result;
    }
}
