using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Parvis.Infrastructure.Data;

/// <summary>
/// Writes into the tally logs what was counted before them (docs/TALLIES.md, "Upgrading"), so that an upgraded
/// site's verification pages hold: an added entry for every counted signature and support that has none (under its
/// receipt's id, or "s"/"p" and the row's id for rows older than receipts), then, for a petition whose count is above
/// its log's (signatures counted whose rows were erased since), an added entry and an erasure per signature missing.
/// Every organization's (the migration) or one's (the demo seeder, the tests); each entry in its row's organization.
/// Entries come unsealed: the sealing job chains them. Run again, it adds nothing.
/// </summary>
public static class TallyBackfillSql
{
    public const string ErasedReason =
        "Signature comptée avant l'ouverture du journal, dont les données personnelles ne sont plus conservées.";

    public static string Backfill(bool postgres, int? organizationId = null)
    {
        var only = organizationId is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"\"OrganizationId\" = {id}")
            : null;
        var rowsOf = only is null ? "" : $"s.{only} AND ";
        return $"""
            {Rows(postgres, "petition", "PetitionSignatures", "PetitionId", "s", "ConfirmedAt",
                rowsOf + "s.\"ConfirmedAt\" IS NOT NULL AND s.\"InvalidatedAt\" IS NULL AND ")}
            {Rows(postgres, "proposal", "ProposalSupports", "ProposalId", "p", "CreatedAt", rowsOf)}
            WITH RECURSIVE missing ("OrganizationId", "PetitionId", "At", "Done", "Count") AS (
                SELECT p."OrganizationId", p."Id", {Hour(postgres, "COALESCE(p.\"PublishedAt\", p.\"CreatedAt\")")},
                    (SELECT COUNT(*) FROM "TallyEntries" e
                        WHERE {OfPetition("Erased")} AND e."Reason" = '{Quoted(ErasedReason)}'),
                    (SELECT COALESCE(SUM(c."Count"), 0) FROM "PetitionCountShards" c WHERE c."PetitionId" = p."Id")
                    - (SELECT COUNT(*) FROM "TallyEntries" e WHERE {OfPetition("Added")})
                    + (SELECT COUNT(*) FROM "TallyEntries" e WHERE {OfPetition("Removed")})
                FROM "Petitions" p{(only is null ? "" : $" WHERE p.{only}")}
            ),
            n ("PetitionId", "N") AS (
                SELECT "PetitionId", "Done" + 1 FROM missing WHERE "Count" > 0
                UNION ALL
                SELECT n."PetitionId", n."N" + 1 FROM n JOIN missing m ON m."PetitionId" = n."PetitionId"
                WHERE n."N" < m."Done" + m."Count"
            )
            INSERT INTO "TallyEntries" ("OrganizationId", "Item", "ItemId", "Kind", "EntryId", "At", "Reason")
            SELECT m."OrganizationId", 'petition', m."PetitionId", k."Kind", 'e' || m."PetitionId" || '-' || n."N",
                m."At",
                CASE WHEN k."Kind" = 'Erased' THEN '{Quoted(ErasedReason)}' END
            FROM n JOIN missing m ON m."PetitionId" = n."PetitionId"
            CROSS JOIN (SELECT 'Added' AS "Kind", 0 AS "Order" UNION ALL SELECT 'Erased', 1) k
            ORDER BY m."PetitionId", n."N", k."Order";
            """;
    }

    /// <summary>One organization's: what the demo seeder and the tests run.</summary>
    public static Task<int> BackfillAsync(ParvisDbContext db, int organizationId) =>
        db.Database.ExecuteSqlRawAsync(Backfill(SearchIndex.IsPostgres(db.Database.ProviderName), organizationId));

    public static void Up(MigrationBuilder migration, bool postgres) => migration.Sql(Backfill(postgres));

    // An added entry per counted row without one, in the order they were counted.
    private static string Rows(bool postgres, string item, string table, string itemColumn, string legacy, string at,
        string counted) => $"""
        INSERT INTO "TallyEntries" ("OrganizationId", "Item", "ItemId", "Kind", "EntryId", "At")
        SELECT s."OrganizationId", '{item}', s."{itemColumn}", 'Added', COALESCE(s."TallyId", '{legacy}' || s."Id"),
            {Hour(postgres, $"s.\"{at}\"")}
        FROM "{table}" s
        WHERE {counted}NOT EXISTS (SELECT 1 FROM "TallyEntries" e WHERE e."OrganizationId" = s."OrganizationId"
            AND e."EntryId" = COALESCE(s."TallyId", '{legacy}' || s."Id") AND e."Item" = '{item}'
            AND e."ItemId" = s."{itemColumn}")
        ORDER BY s."{at}", s."Id";
        """;

    private static string OfPetition(string kind) => "e.\"OrganizationId\" = p.\"OrganizationId\" AND e.\"Item\" = 'petition' "
        + $"AND e.\"ItemId\" = p.\"Id\" AND e.\"Kind\" = '{kind}'";

    private static string Quoted(string text) => text.Replace("'", "''", StringComparison.Ordinal);

    // Rounded down to the hour in UTC, as TallyChain.Round does.
    private static string Hour(bool postgres, string column) => postgres
        ? $"date_trunc('hour', {column} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
        : $"strftime('%Y-%m-%d %H:00:00', {column})";
}
