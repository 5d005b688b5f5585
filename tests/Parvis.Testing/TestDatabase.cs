using Npgsql;

namespace Parvis.Testing;

/// <summary>
/// The database a test host runs on: SQLite by default, PostgreSQL when PARVIS_TEST_DB=postgres
/// (server from PARVIS_TEST_PG, default 127.0.0.1:5432 user parvis). Each host gets a database of its own.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public string Provider { get; }
    public string ConnectionString { get; }
    private readonly string? _sqliteFile;
    private readonly string? _pgName;

    public static bool UsePostgres => string.Equals(Environment.GetEnvironmentVariable("PARVIS_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    private static string PgServer => Environment.GetEnvironmentVariable("PARVIS_TEST_PG")
        ?? "Host=127.0.0.1;Port=5432;Username=parvis;Password=parvis";

    public TestDatabase()
    {
        if (UsePostgres)
        {
            Provider = "Postgres";
            _pgName = "parvis_test_" + Guid.NewGuid().ToString("N")[..12];
            ConnectionString = new NpgsqlConnectionStringBuilder(PgServer) { Database = _pgName, Pooling = true }.ConnectionString;
        }
        else
        {
            Provider = "Sqlite";
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"parvis-test-{Guid.NewGuid():N}.db");
            ConnectionString = $"Data Source={_sqliteFile}";
        }
    }

    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(_sqliteFile + suffix)) File.Delete(_sqliteFile + suffix);
        }
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PgServer) { Database = "postgres" }.ConnectionString);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
    }
}
