using Microsoft.Data.Sqlite;
using Npgsql;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>
/// The database out of reach until disposed: PostgreSQL refuses new connections to it (its open ones are ended);
/// a SQLite file cannot be opened (a folder stands where it was).
/// </summary>
internal sealed class Outage : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly string? _movedTo;

    private Outage(TestDatabase database, string? movedTo)
    {
        _database = database;
        _movedTo = movedTo;
    }

    public static async Task<Outage> StartAsync(TestDatabase database)
    {
        if (database.Provider == "Postgres")
        {
            var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
            await AdminAsync(database, $"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false",
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            NpgsqlConnection.ClearAllPools();
            return new Outage(database, null);
        }
        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var moved = file + ".away";
        File.Move(file, moved);
        Directory.CreateDirectory(file);
        return new Outage(database, moved);
    }

    public async ValueTask DisposeAsync()
    {
        if (_movedTo is null)
        {
            var name = new NpgsqlConnectionStringBuilder(_database.ConnectionString).Database!;
            await AdminAsync(_database, $"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true");
            return;
        }
        var file = new SqliteConnectionStringBuilder(_database.ConnectionString).DataSource;
        Directory.Delete(file);
        File.Move(_movedTo, file);
    }

    private static async Task AdminAsync(TestDatabase database, params string[] commands)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var admin = new NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        foreach (var sql in commands)
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }
    }
}
