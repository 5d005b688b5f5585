// How long the followers of a petition are told that it crossed a threshold (Notifier.RecordAsync, one INSERT … SELECT),
// on PostgreSQL, in a database of its own, and how long a reader's query waits meanwhile.
//
//   dotnet run --project bench/Notifications -c Release -- [connection without Database] [followers] [runs]
//
// Defaults: the CI PostgreSQL (127.0.0.1:55432), 100,000 followers, 3 runs. The database is dropped at the end.
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Parvis.Domain;
using Parvis.Features.Notifications;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

var server = args.ElementAtOrDefault(0) ?? "Host=127.0.0.1;Port=55432;Username=parvis;Password=parvis";
var followers = int.Parse(args.ElementAtOrDefault(1) ?? "100000", CultureInfo.InvariantCulture);
var runs = int.Parse(args.ElementAtOrDefault(2) ?? "3", CultureInfo.InvariantCulture);
var name = "parvis_bench_notify_" + Guid.NewGuid().ToString("N")[..8];
await ExecuteAsync(server + ";Database=postgres", $"CREATE DATABASE {name}");
var connection = server + ";Database=" + name;
try
{
    var options = new DbContextOptionsBuilder<PostgresParvisDbContext>().UseNpgsql(connection).Options;
    var tenant = new TenantContext();
    await using var db = new PostgresParvisDbContext(options);
    db.UseTenant(tenant);
    await db.Database.MigrateAsync();
    var organization = new Organization { Name = "Banc d'essai" };
    db.Organizations.Add(organization);
    await db.SaveChangesAsync();
    tenant.Set(organization);
    var territory = new Territory { Name = "Commune" };
    db.Territories.Add(territory);
    await db.SaveChangesAsync();
    var petition = new Petition
    {
        AuthorId = Guid.NewGuid(), TerritoryId = territory.Id, Title = "Un passage piéton devant l'école",
        Request = "Nous demandons un passage piéton.", Reasons = "La route est fréquentée.", Addressee = "Le conseil municipal",
        CreatedAt = DateTime.UtcNow, Status = PetitionStatus.Open, PublishedAt = DateTime.UtcNow,
    };
    db.Petitions.Add(petition);
    await db.SaveChangesAsync();
    // The followers, and a third of them with a choice of their own for this kind (the LEFT JOIN has work to do).
    await ExecuteAsync(connection, $"""
        INSERT INTO "Follows" ("OrganizationId", "UserId", "SubjectKind", "SubjectId", "Automatic", "CreatedAt")
        SELECT {organization.Id}, gen_random_uuid(), 'Petition', {petition.Id}, true, now() FROM generate_series(1, {followers});
        INSERT INTO "NotificationPreferences" ("OrganizationId", "UserId", "Kind", "Delivery")
        SELECT "OrganizationId", "UserId", 'PetitionThreshold', 'Daily' FROM "Follows" WHERE "Id" % 3 = 0;
        ANALYZE;
        """);
    var clock = TimeProvider.System;
    var subjects = new FollowSubjects(db);
    var notifier = new Notifier(db, subjects, new Following(db, subjects, clock), clock);
    for (var run = 1; run <= runs; run++)
    {
        using var reading = new CancellationTokenSource();
        var reader = ReadWhileAsync(connection, organization.Id, reading.Token);
        var watch = Stopwatch.StartNew();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var queued = await notifier.RecordAsync(NotificationKind.PetitionThreshold, FollowSubjectKind.Petition, petition.Id);
            await transaction.CommitAsync();
            watch.Stop();
            await reading.CancelAsync();
            var waits = await reader;
            waits.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {queued:N0} notices queued in {watch.Elapsed.TotalSeconds:0.00} s; a reader meanwhile: {waits.Count} queries, "
                + $"p50 {Percentile(waits, 0.50):0.0} ms, p99 {Percentile(waits, 0.99):0.0} ms, max {(waits.Count > 0 ? waits[^1] : 0):0.0} ms"));
        }
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await ExecuteAsync(server + ";Database=postgres", $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];

// What a signed-in page asks meanwhile: a person's unread count (the header) and their last notices.
static async Task<List<double>> ReadWhileAsync(string connection, int organizationId, CancellationToken token)
{
    var waits = new List<double>();
    await using var c = new NpgsqlConnection(connection);
    await c.OpenAsync(CancellationToken.None);
    var user = Guid.NewGuid();
    while (!token.IsCancellationRequested)
    {
        var watch = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM "Notifications" WHERE "OrganizationId" = @o AND "UserId" = @u AND "ReadAt" IS NULL
            """, c);
        command.Parameters.AddWithValue("o", organizationId);
        command.Parameters.AddWithValue("u", user);
        await command.ExecuteScalarAsync(CancellationToken.None);
        waits.Add(watch.Elapsed.TotalMilliseconds);
        try { await Task.Delay(10, token); } catch (OperationCanceledException) { break; }
    }
    return waits;
}

static async Task ExecuteAsync(string connection, string sql)
{
    await using var c = new NpgsqlConnection(connection);
    await c.OpenAsync();
    await using var command = new NpgsqlCommand(sql, c) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}
