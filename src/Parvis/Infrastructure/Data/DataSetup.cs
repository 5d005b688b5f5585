using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Parvis.Infrastructure.Data;

public static class DataSetup
{
    public static WebApplicationBuilder AddParvisData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        var connection = builder.Configuration.GetConnectionString("Parvis");
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Parvis is empty.");
            builder.Services.AddPooledParvisContext<PostgresParvisDbContext>(o => o.UseNpgsql(connection));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection)) connection = "Data Source=" + Path.Combine(builder.Environment.ContentRootPath, "data", "parvis.db");
            var dataSource = new SqliteConnectionStringBuilder(connection).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            builder.Services.AddPooledParvisContext<SqliteParvisDbContext>(o => o.UseSqlite(connection).AddInterceptors(SqliteFunctions.Instance));
        }
        return builder;
    }

    // A pooled context is reset and reused instead of built (with its own internal services) for every request.
    private static void AddPooledParvisContext<TContext>(
        this IServiceCollection services, Action<DbContextOptionsBuilder> options)
        where TContext : ParvisDbContext
    {
        // Timed for the metrics when the application registered the timer (the commands run before the web host too).
        services.AddPooledDbContextFactory<TContext>((s, o) =>
        {
            options(o);
            if (s.GetService<Operations.DbCommandTimer>() is { } timer) o.AddInterceptors(timer);
        });
        services.AddScoped<ParvisDbContext>(s =>
        {
            var db = s.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            db.UseTenant(s.GetRequiredService<Tenancy.TenantContext>());
            return db;
        });
    }

    /// <summary>The PostgreSQL advisory lock held while migrating ("parvis" in ASCII).</summary>
    private const long MigrationLockKey = 0x706172766973;

    /// <summary>
    /// Nodes started together on PostgreSQL: one migrates while the others wait on an advisory lock, then find nothing
    /// pending (EF's own migration lock let two nodes apply the same migration: UpgradeTests). The lock needs a
    /// connection to the database, which is created first when missing, as MigrateAsync would.
    /// </summary>
    private static async Task MigrateUnderLockAsync(ParvisDbContext db)
    {
        var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
        try
        {
            if (!await creator.ExistsAsync()) await creator.CreateAsync();
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
            // Another node created it between the check and the creation.
        }
        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})");
            // The history table first: on an empty database EF would find it missing by a failed query, logged as an error.
            var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript());
            if ((await db.Database.GetPendingMigrationsAsync()).Any()) await db.Database.MigrateAsync();
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})");
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task MigrateAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParvisDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer writes.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }
        // Migrating takes a lock, which is a write: a node started on an up-to-date (or read-only) database writes nothing.
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            if (db.Database.IsNpgsql()) await MigrateUnderLockAsync(db);
            else await db.Database.MigrateAsync();
        }
        // Create the data-protection key now: created lazily, it would be inserted by a second
        // connection while a command's transaction holds SQLite's write lock (sign-up makes a token
        // inside its transaction), and wait for that lock until it times out.
        scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()
            .CreateProtector("Parvis.Startup").Protect([1]);
    }
}
