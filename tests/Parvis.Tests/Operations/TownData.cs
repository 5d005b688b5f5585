using Microsoft.EntityFrameworkCore;
using Npgsql;
using Parvis.Infrastructure.Data;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>A test database reached from outside any node, as the operator's tools reach it.</summary>
internal static class TownData
{
    public static ParvisDbContext Context(TestDatabase database) => database.Provider == "Postgres"
        ? new PostgresParvisDbContext(new DbContextOptionsBuilder<PostgresParvisDbContext>().UseNpgsql(database.ConnectionString).Options)
        : new SqliteParvisDbContext(new DbContextOptionsBuilder<SqliteParvisDbContext>().UseSqlite(database.ConnectionString).Options);

    /// <summary>How many organizations, people, consultations, contributions and comments, every organization's.</summary>
    public static async Task<(int, int, int, int, int)> CountsAsync(TestDatabase database)
    {
        await using var db = Context(database);
        return (await db.Organizations.IgnoreQueryFilters().CountAsync(), await db.Users.IgnoreQueryFilters().CountAsync(),
            await db.Consultations.IgnoreQueryFilters().CountAsync(), await db.Contributions.IgnoreQueryFilters().CountAsync(),
            await db.Comments.IgnoreQueryFilters().CountAsync());
    }

    /// <summary>The empty database the operator creates before the first start or a restore (PostgreSQL; SQLite needs none).</summary>
    public static async Task CreateEmptyAsync(TestDatabase database)
    {
        if (database.Provider != "Postgres") return;
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var admin = new NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
    }
}
