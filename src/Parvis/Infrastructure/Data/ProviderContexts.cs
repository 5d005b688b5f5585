using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Infrastructure.Data;

// One context type per provider so that each keeps its own migrations (Data/Migrations/<Provider>).
public sealed class SqliteParvisDbContext(DbContextOptions<SqliteParvisDbContext> options, TenantContext tenant)
    : ParvisDbContext(options, tenant);

public sealed class PostgresParvisDbContext(DbContextOptions<PostgresParvisDbContext> options, TenantContext tenant)
    : ParvisDbContext(options, tenant);

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteParvisDbContext>
{
    public SqliteParvisDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteParvisDbContext>().UseSqlite("Data Source=design.db").Options, new TenantContext());
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresParvisDbContext>
{
    public PostgresParvisDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresParvisDbContext>().UseNpgsql("Host=localhost").Options, new TenantContext());
}
