using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>/sante/pret: 200 when the node can serve, 503 saying which check failed when it cannot.</summary>
public sealed class ReadinessTests(OperationsApp app) : IClassFixture<OperationsApp>
{
    [Fact]
    public async Task A_healthy_node_is_ready()
    {
        var response = await app.ClientFrom("127.0.0.1").GetAsync("/sante/pret");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await ReadAsync(response)).GetProperty("checks");
        foreach (var check in new[] { "database", "migrations", "outbox" })
            Assert.Equal("Healthy", checks.GetProperty(check).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_pending_migration_makes_the_node_not_ready_and_says_so()
    {
        // The database one migration behind this release: as if the upgrade had not run yet.
        var (latest, product) = await app.InAAsync(async db =>
        {
            const string Latest = """FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""";
            var id = await db.Database.SqlQueryRaw<string>($"""SELECT "MigrationId" AS "Value" {Latest}""").SingleAsync();
            var version = await db.Database.SqlQueryRaw<string>($"""SELECT "ProductVersion" AS "Value" {Latest}""").SingleAsync();
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {0}""", id);
            return (id, version);
        });
        try
        {
            var response = await app.ClientFrom("127.0.0.1").GetAsync("/sante/pret");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = await ReadAsync(response);
            Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
            var migrations = body.GetProperty("checks").GetProperty("migrations");
            Assert.Equal("Unhealthy", migrations.GetProperty("status").GetString());
            Assert.Contains("1 migration(s) pending", migrations.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
            // The load balancer's liveness check stays green: the node is alive, only not ready.
            Assert.Equal(HttpStatusCode.OK, (await app.ClientFrom("127.0.0.1").GetAsync("/sante")).StatusCode);
        }
        finally
        {
            await app.InAAsync(db => db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ({0}, {1})""", latest, product));
        }
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFrom("127.0.0.1").GetAsync("/sante/pret")).StatusCode);
    }

    [Fact]
    public async Task An_outbox_over_its_limit_makes_the_node_not_ready()
    {
        await using var strict = new StrictOutboxApp();
        await strict.InitializeAsync();
        // E-mails that cannot leave: their next attempt is far away.
        await strict.InAAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
                db.Outbox.Add(new Parvis.Infrastructure.Email.OutboxMessage
                {
                    OrganizationId = strict.OrganizationA.Id,
                    To = $"attente-{i}@example.org",
                    Subject = "En attente",
                    TextBody = "…",
                    CreatedAt = DateTime.UtcNow,
                    NextAttemptAt = DateTime.UtcNow.AddDays(1),
                });
            return await db.SaveChangesAsync();
        });
        var response = await strict.ClientFrom("127.0.0.1").GetAsync("/sante/pret");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var outbox = (await ReadAsync(response)).GetProperty("checks").GetProperty("outbox");
        Assert.Equal("Unhealthy", outbox.GetProperty("status").GetString());
        Assert.Contains("limit 2", outbox.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_makes_the_node_not_ready()
    {
        await using var node = new OperationsApp();
        await node.InitializeAsync();
        await using (await Outage.StartAsync(node.Database))
        {
            var response = await node.ClientFrom("127.0.0.1").GetAsync("/sante/pret");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var database = (await ReadAsync(response)).GetProperty("checks").GetProperty("database");
            Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await node.ClientFrom("127.0.0.1").GetAsync("/sante/pret")).StatusCode);
    }

    private sealed class StrictOutboxApp : OperationsApp
    {
        protected override Dictionary<string, string?> Settings => new(base.Settings) { ["Operations:OutboxBacklogLimit"] = "2" };
    }

    internal static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
