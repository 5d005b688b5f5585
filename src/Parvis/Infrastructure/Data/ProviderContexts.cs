using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Parvis.Infrastructure.Data;

// One context type per provider so that each keeps its own migrations (Data/Migrations/<Provider>).
public sealed class SqliteParvisDbContext(DbContextOptions<SqliteParvisDbContext> options)
    : ParvisDbContext(options);

public sealed class PostgresParvisDbContext(DbContextOptions<PostgresParvisDbContext> options)
    : ParvisDbContext(options);

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteParvisDbContext>
{
    public SqliteParvisDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteParvisDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresParvisDbContext>
{
    public PostgresParvisDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresParvisDbContext>().UseNpgsql("Host=localhost").Options);
}
