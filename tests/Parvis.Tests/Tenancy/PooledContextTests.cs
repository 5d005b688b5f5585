using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Infrastructure.Data;
using Parvis.Testing;

namespace Parvis.Tests.Tenancy;

/// <summary>
/// Database contexts are pooled: one handed out again must not still read the organization of its last request,
/// even when taken from the pool directly (as a background job might) rather than through a request's scope.
/// </summary>
[Collection(PlatformAppCollection.Name)]
public class PooledContextTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_context_back_from_the_pool_reads_no_organizations_rows()
    {
        var territories = await _app.InOrganizationAsync(_app.OrganizationA, (db, _) => db.Territories.CountAsync());
        Assert.True(territories > 0);

        // The pool hands back the contexts the requests and the unit of work above returned.
        var contexts = Enumerable.Range(0, 8).Select(_ => NewContextFromPool()).ToList();
        try
        {
            foreach (var db in contexts)
            {
                Assert.Equal(0, db.TenantId);
                Assert.Equal(0, await db.Territories.CountAsync());
            }
        }
        finally
        {
            foreach (var db in contexts) await db.DisposeAsync();
        }
    }

    private ParvisDbContext NewContextFromPool() => _app.Database.Provider == "Postgres"
        ? _app.Services.GetRequiredService<IDbContextFactory<PostgresParvisDbContext>>().CreateDbContext()
        : _app.Services.GetRequiredService<IDbContextFactory<SqliteParvisDbContext>>().CreateDbContext();
}
