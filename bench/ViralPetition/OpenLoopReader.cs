using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

/// <summary>
/// Reads one page at a fixed rate, open loop: request n is due at n / rate seconds whatever the answers' speed, and
/// its latency runs from that due time, not from when it left (coordinated omission corrected): a stalled client or
/// server shows as latency instead of as fewer requests.
/// </summary>
internal sealed class OpenLoopReader(HttpClient http, string host, string path, string? cookie, int expectedStatus, string? mustContain)
{
    private readonly ConcurrentBag<double> latencies = [];
    private long reads, errors, wrongStatus;

    public long Reads => Interlocked.Read(ref reads);
    public long Errors => Interlocked.Read(ref errors);

    public async Task RunAsync(double rate, double seconds, Stopwatch clock)
    {
        if (rate <= 0) return;
        var started = clock.Elapsed.TotalSeconds;
        var requests = new List<Task>();
        for (long n = 0; ; n++)
        {
            var due = started + (n / rate);
            if (due - started >= seconds) break;
            var wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.001) await Task.Delay(TimeSpan.FromSeconds(wait));
            requests.Add(ReadAsync(due * 1000, clock));
        }
        await Task.WhenAll(requests);
    }

    private async Task ReadAsync(double dueMs, Stopwatch clock)
    {
        var ok = false;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = host;
            if (!string.IsNullOrEmpty(cookie)) request.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != expectedStatus) Interlocked.Increment(ref wrongStatus);
            ok = (int)response.StatusCode == expectedStatus && (mustContain is null || body.Contains(mustContain, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }
        latencies.Add(clock.Elapsed.TotalMilliseconds - dueMs);
        Interlocked.Increment(ref reads);
        if (!ok) Interlocked.Increment(ref errors);
    }

    public string Percentile(double q)
    {
        if (latencies.IsEmpty) return "0";
        var sorted = latencies.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))].ToString("0.0", CultureInfo.InvariantCulture);
    }

    /// <summary>The reader mode of the driver: bench/run reads each page at half the rate wrk measured.</summary>
    public static async Task<int> MainAsync(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string? fallback = null) =>
            map.TryGetValue(key, out var v) ? v : fallback ?? throw new ArgumentException($"--{key} is required");
        var rate = double.Parse(Get("rate"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 4096,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        { BaseAddress = new Uri(Get("base")), Timeout = TimeSpan.FromSeconds(30) };
        var reader = new OpenLoopReader(http, Get("host"), Get("path"), Get("cookie", ""),
            int.Parse(Get("expect", "200"), CultureInfo.InvariantCulture), map.GetValueOrDefault("contains"));
        var clock = Stopwatch.StartNew();
        await reader.RunAsync(rate, seconds, clock);
        var elapsed = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Join(' ', "READ_RESULT", $"rate={rate.ToString("0.0", CultureInfo.InvariantCulture)}",
            $"reads={reader.Reads}", $"errors={reader.Errors}", $"wrong_status={reader.wrongStatus}",
            $"achieved_per_s={(reader.Reads / elapsed).ToString("0.0", CultureInfo.InvariantCulture)}",
            $"p50_ms={reader.Percentile(0.5)}", $"p99_ms={reader.Percentile(0.99)}"));
        return reader.Errors == 0 ? 0 : 1;
    }
}
