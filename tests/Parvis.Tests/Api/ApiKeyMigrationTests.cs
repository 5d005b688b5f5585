using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Parvis.Infrastructure.Data;
using Parvis.Testing;

namespace Parvis.Tests.Api;

/// <summary>
/// The migration that made one kind of API key out of the Open311 clients and the public API's keys moves both, on
/// the database the tests run on: the clients keep their ids (their requests still point at them), their secrets'
/// hashes and get the Open311 use; the public API's keys keep their limit and get none.
/// </summary>
public class ApiKeyMigrationTests
{
    // The last migration before the one under test, by name: its id differs between the providers.
    private const string Before = "OpenDataLicence";

    [Fact]
    public async Task Open311_clients_and_public_api_keys_become_one_kind_of_key_without_losing_a_row()
    {
        using var database = new TestDatabase();
        await using var db = Context(database);
        await db.GetService<IMigrator>().MigrateAsync(Before);
        var (yes, no) = db.Database.IsNpgsql() ? ("TRUE", "FALSE") : ("1", "0");
        var at = "'2026-12-01 10:00:00'";
        // Literals only, written by this test: no value comes from outside.
        var rows = $"""
            INSERT INTO "ApiKeys" ("OrganizationId", "Name", "Prefix", "SecretHash", "ReadsPerMinute", "CreatedAt")
            VALUES (1, 'Le Journal', 'pvk_aaaaaaaa', 'hash-journal', 30, {at}),
                   (2, 'Portail national', 'pvk_bbbbbbbb', 'hash-portail', 5000, {at});
            INSERT INTO "ApiClients" ("OrganizationId", "Name", "KeyPrefix", "KeyHash", "CreatedAt", "RevokedAt", "LastUsedAt")
            VALUES (1, 'Application de la ville', 'Zm9vYmFy', 'hash-ville', {at}, NULL, {at}),
                   (1, 'Ancien partenaire', 'YmF6cXV4', 'hash-ancien', {at}, {at}, NULL);
            INSERT INTO "RequestCategories" ("OrganizationId", "Code", "Name", "Group", "Description", "Keywords", "ServiceName",
                "TargetHours", "Position", "IsActive")
            VALUES (1, 'trottoir', 'Trottoir', 'Voirie', '', '', 'Voirie', 24, 0, {yes});
            INSERT INTO "ServiceRequests" ("OrganizationId", "CategoryId", "ServiceName", "Description", "Status", "SubmittedAt",
                "UpdatedAt", "DueAt", "AwaitingEmail", "FollowerCount", "IsHidden", "ReopenCount", "ApiClientId")
            SELECT 1, c."Id", 'Voirie', 'Bordure descellée', 'Submitted', {at}, {at}, {at}, {no}, 0,
                {no}, 0, a."Id"
            FROM "RequestCategories" c, "ApiClients" a WHERE a."KeyHash" = 'hash-ville';
            """;
        await db.Database.ExecuteSqlRawAsync(rows);
        var clientId = await Scalar(db, """SELECT "Id" AS "Value" FROM "ApiClients" WHERE "KeyHash" = 'hash-ville'""");

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var keys = await db.Database.SqlQueryRaw<MovedKey>("""
            SELECT "Id", "OrganizationId", "Name", "SecretHash", "ReadsPerMinute", "Open311", "RevokedAt", "LastUsedAt" FROM "ApiKeys"
            """).ToListAsync();
        Assert.Equal(4, keys.Count);
        Assert.Equal(4, keys.Select(k => k.Id).Distinct().Count());
        var ville = Assert.Single(keys, k => k.SecretHash == "hash-ville");
        Assert.Equal((clientId, 1, "Application de la ville", 1000, true, null), (ville.Id, ville.OrganizationId, ville.Name, ville.ReadsPerMinute, ville.Open311, ville.RevokedAt));
        Assert.NotNull(ville.LastUsedAt);
        var former = Assert.Single(keys, k => k.SecretHash == "hash-ancien");
        Assert.True(former.Open311);
        Assert.NotNull(former.RevokedAt);
        var journal = Assert.Single(keys, k => k.SecretHash == "hash-journal");
        Assert.Equal((1, 30, false, null), (journal.OrganizationId, journal.ReadsPerMinute, journal.Open311, journal.RevokedAt));
        var portal = Assert.Single(keys, k => k.SecretHash == "hash-portail");
        Assert.Equal((2, 5000, false), (portal.OrganizationId, portal.ReadsPerMinute, portal.Open311));
        // The request sent through Open311 still names its client's key.
        Assert.Equal(clientId, await Scalar(db, """SELECT "ApiKeyId" AS "Value" FROM "ServiceRequests" """));
        // A key issued afterwards gets an id of its own.
        var issued = $"""
            INSERT INTO "ApiKeys" ("OrganizationId", "Name", "Prefix", "SecretHash", "ReadsPerMinute", "Open311", "CreatedAt")
            VALUES (1, 'Nouvelle', 'pvk_cccccccc', 'hash-nouvelle', 10, {yes}, {at})
            """;
        await db.Database.ExecuteSqlRawAsync(issued);
        Assert.True(await Scalar(db, """SELECT "Id" AS "Value" FROM "ApiKeys" WHERE "SecretHash" = 'hash-nouvelle'""") > keys.Max(k => k.Id));
    }

    /// <summary>The one number a query answers in its column "Value".</summary>
    private static async Task<int> Scalar(ParvisDbContext db, string sql) => (await db.Database.SqlQueryRaw<int>(sql).ToListAsync()).Single();

    private static ParvisDbContext Context(TestDatabase database) => database.Provider == "Postgres"
        ? new PostgresParvisDbContext(new DbContextOptionsBuilder<PostgresParvisDbContext>().UseNpgsql(database.ConnectionString).Options)
        : new SqliteParvisDbContext(new DbContextOptionsBuilder<SqliteParvisDbContext>().UseSqlite(database.ConnectionString)
            .AddInterceptors(SqliteFunctions.Instance).Options);

    private sealed class MovedKey
    {
        public int Id { get; set; }
        public int OrganizationId { get; set; }
        public string Name { get; set; } = "";
        public string SecretHash { get; set; } = "";
        public int ReadsPerMinute { get; set; }
        public bool Open311 { get; set; }
        public DateTime? RevokedAt { get; set; }
        public DateTime? LastUsedAt { get; set; }
    }
}
