using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

/// <summary>A database that reads but cannot be written (a read-only file, a standby) answers 503 with Retry-After, never a 500.</summary>
[Collection(PlatformAppCollection.Name)]
public sealed class ReadOnlyDatabaseTests(AppFixture fixture)
{
    /// <summary>A second node on the shared application's database, opened read-only: SQLite's read-only mode, PostgreSQL's read-only transactions.</summary>
    private sealed class ReadOnlyNode(TestDatabase database) : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new()
        {
            ["ConnectionStrings:Parvis"] = database.Provider == "Sqlite"
                ? new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString
                : new NpgsqlConnectionStringBuilder(database.ConnectionString) { Options = "-c default_transaction_read_only=on" }.ConnectionString,
        };
    }

    [Fact]
    public async Task A_write_to_a_database_that_cannot_be_written_answers_503_with_retry_after()
    {
        await using var node = new ReadOnlyNode(fixture.App.Database);
        var client = node.ClientFor(ParvisFactory.HostA);
        // Reading goes on: the sign-in page is read from the database (organization, form keys).
        var signIn = await client.GetDocumentAsync("/compte/connexion");
        // Signing in notes the sign-in on the account: a write.
        var response = await client.SubmitAsync(signIn, "/compte/connexion", "main form", new Dictionary<string, string?>
        {
            ["Form.Email"] = $"habitant@{ParvisFactory.DomainA}",
            ["Form.Password"] = ParvisFactory.Password,
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        Assert.Contains("momentanément indisponible", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
