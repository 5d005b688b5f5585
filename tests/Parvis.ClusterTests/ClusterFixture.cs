using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Parvis.ClusterTests;

/// <summary>
/// A real cluster started by bench/cluster: PostgreSQL, Redis, two Parvis nodes (this build) and nginx,
/// on loopback ports of its own. Every cluster test talks to it over HTTP like a browser would.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "parvis-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _basePort = FreeBasePort();
    private Dictionary<string, string> _env = [];

    public static string RepositoryRoot => Parvis.Testing.Repository.Root;

    public Uri Nginx => new(_env["NGINX_URL"]);
    public Uri Node1 => new(_env["NODE1_URL"]);
    public Uri Node2 => new(_env["NODE2_URL"]);
    public string Database => _env["PG"];
    public string MailFolder => _env["MAIL"];

    /// <summary>Settings both nodes start with; a fixture may add its own.</summary>
    protected virtual IDictionary<string, string> NodeSettings => new Dictionary<string, string>
    {
        ["Jobs__OutboxPurgeInterval"] = "00:00:02",
        ["Email__PollSeconds"] = "0.2",
        ["RateLimits__SignUpPerHour"] = "1000",
    };

    public async Task InitializeAsync()
    {
        var output = await ScriptAsync("start");
        _env = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains('='))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    public async Task DisposeAsync()
    {
        // The nodes' logs outlive the cluster, for whoever reads a failure.
        var logs = Path.Combine(Path.GetTempPath(), "parvis-cluster-logs", Path.GetFileName(_dir));
        Directory.CreateDirectory(logs);
        foreach (var node in new[] { "node1", "node2" })
        {
            var log = Path.Combine(_dir, node, "out.log");
            if (File.Exists(log)) File.Copy(log, Path.Combine(logs, node + ".log"), overwrite: true);
        }
        await ScriptAsync("stop");
    }

    public Task<string> ScriptAsync(params string[] args) => RunAsync(Path.Combine(RepositoryRoot, "bench", "cluster"), args);

    private async Task<string> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["PARVIS_CLUSTER_DIR"] = _dir;
        start.Environment["PARVIS_CLUSTER_PORT"] = _basePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PARVIS_CONFIGURATION"] = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        foreach (var (key, value) in NodeSettings) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bench/cluster {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}\n{await stdout}");
        return await stdout;
    }

    /// <summary>A client that keeps its cookies and does not follow redirects, so a test sees what the server said.</summary>
    public static HttpClient Client(Uri baseAddress, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public async Task<T> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<T>> QueryListAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(reader.GetFieldValue<T>(0));
        return rows;
    }

    /// <summary>The demo consultation open for contributions now.</summary>
    public Task<int> OpenConsultationAsync() => QueryAsync<int>("""
        SELECT "Id" FROM "Consultations" WHERE "PublishedAt" IS NOT NULL AND "ClosedAt" IS NULL
        AND "ContributionsStartAt" < now() AND "SynthesisStartsAt" > now() ORDER BY "Id" LIMIT 1
        """);

    private static int FreeBasePort()
    {
        // Five consecutive free ports (nginx, two nodes, Redis, PostgreSQL).
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 40000);
            if (Enumerable.Range(port, 5).All(IsFree)) return port;
        }
        throw new InvalidOperationException("No five free consecutive ports.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
