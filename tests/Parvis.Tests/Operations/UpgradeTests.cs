using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>Upgrades: a database one migration behind, with a town's data in it, is migrated at start and served.</summary>
public sealed class UpgradeTests
{
    /// <summary>A node on a database it does not own (the test's), as a second server or the next release would be.</summary>
    private sealed class NodeOn(TestDatabase database) : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new() { ["ConnectionStrings:Parvis"] = database.ConnectionString };
    }

    [Fact]
    public async Task A_database_of_the_previous_migration_with_data_is_upgraded_at_start_and_served()
    {
        // A running town: two organizations with their people, consultations and contributions (the demo data).
        await using var previous = new ParvisFactory();
        await previous.InitializeAsync();
        var consultation = await previous.InAAsync(db => db.Consultations.Where(c => c.PublishedAt != null)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Title }).FirstAsync());
        var before = await TownData.CountsAsync(previous.Database);

        // The schema taken back to the migration before the latest, the data kept: what the previous release left.
        string[] applied;
        await using (var db = TownData.Context(previous.Database))
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
            applied = [.. await db.Database.GetAppliedMigrationsAsync()];
            Assert.Equal(migrations[^2], applied[^1]);
        }

        // This release starts on it: the migration applies at start, and everything is where it was.
        await using var next = new NodeOn(previous.Database);
        var client = next.ClientFor(ParvisFactory.HostA);
        await using (var db = TownData.Context(previous.Database))
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(before, await TownData.CountsAsync(previous.Database));
        var page = await client.GetAsync($"/concertations/{consultation.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(consultation.Title, await page.TextAsync(), StringComparison.Ordinal);
        // People sign in with the password they had.
        await client.LoginAsync($"habitant@{ParvisFactory.DomainA}");
    }

    [Fact]
    public async Task Two_nodes_started_at_once_on_an_empty_database_both_start_and_migrate_it_once()
    {
        using var database = new TestDatabase();
        // The operator creates the (empty) database: creating it is not part of what the nodes do together.
        await TownData.CreateEmptyAsync(database);
        await using var a = new NodeOn(database);
        await using var b = new NodeOn(database);
        // Both hosts start (and migrate) at the same time.
        await Task.WhenAll(Task.Run(() => a.Services), Task.Run(() => b.Services));
        foreach (var node in new ParvisFactory[] { a, b })
            Assert.Equal(HttpStatusCode.OK, (await node.CreateClient().GetAsync("/sante")).StatusCode);
        await using var db = TownData.Context(database);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations().Count(), (await db.Database.GetAppliedMigrationsAsync()).Count());
    }
}
