// The viral-petition scenario of bench/run: people sign one petition at a target rate, each with a real sign POST,
// then follow the link the application wrote to its outbox with a real confirm POST. At the end the count must be
// exact: confirmed rows = the petition's count = confirm answers that said "confirmed"; a sample of links is
// confirmed twice at once and must count once.
//
//   dotnet ViralPetition.dll --base http://127.0.0.1:5099 --host org01.bench.localhost --petition 12
//     --db "Host=…;Database=…" --seconds 60 --rate 2000 --tag bench-123 [--workers 256] [--double-every 100] [--read-rate 500]
//
// Meanwhile it reads the petition page at a fixed rate (--read-rate, open loop: a slow answer does not slow the
// readers down, as it would with wrk's fixed connections) and reports the page's latency.
//
//   dotnet ViralPetition.dll read --base http://127.0.0.1:5099 --host org01.bench.localhost --path / --rate 500
//     --seconds 10 [--cookie "…"] [--expect 200] [--contains "…"]
// only reads one page that way (OpenLoopReader), for bench/run's latency at half rate.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Npgsql;

if (args.Length > 0 && args[0] == "read") return await OpenLoopReader.MainAsync(args);

var options = Options.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler
{
    UseCookies = false,
    AllowAutoRedirect = false,
    MaxConnectionsPerServer = options.Workers * 2,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
})
{ BaseAddress = new Uri(options.Base), Timeout = TimeSpan.FromSeconds(30) };

await using var data = NpgsqlDataSource.Create(options.Db);
var petitionPath = $"/petitions/{options.Petition}";

// One antiforgery pair serves every anonymous POST: the token is bound to the cookie, not to a person.
var (cookie, formToken) = await AntiforgeryAsync();
// The count a page shows is cached one second (PetitionCounts): read it once that second has passed.
await Task.Delay(1500);
var before = await ExactnessAsync();
var startOutboxId = await ScalarAsync<long>("SELECT coalesce(max(\"Id\"), 0) FROM \"Outbox\"");

var signLatencies = new ConcurrentBag<double>();
var confirmLatencies = new ConcurrentBag<double>();
long processed = 0, pending = 0, signed = 0, signErrors = 0, confirmed = 0, alreadyConfirmed = 0, confirmErrors = 0, doubleSamples = 0, doubleBothConfirmed = 0, linksRead = 0;
var links = Channel.CreateUnbounded<string>();
var page = new OpenLoopReader(http, options.Host, petitionPath, cookie: null, expectedStatus: 200, mustContain: "petition-count");
var clock = Stopwatch.StartNew();
var total = (long)(options.Rate * options.Seconds);
long next = -1;

// Open loop: signature n is due at n / rate seconds; a worker behind schedule signs at once.
async Task SignerAsync()
{
    while (true)
    {
        var n = Interlocked.Increment(ref next);
        // The run lasts its duration: signatures the application could not take by then are not sent.
        if (n >= total || clock.Elapsed.TotalSeconds >= options.Seconds) return;
        var due = TimeSpan.FromSeconds(n / options.Rate);
        if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
        var domain = (n % 3) switch { 0 => "gmail.com", 1 => "orange.fr", _ => "free.fr" };
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = formToken,
            ["Input.Name"] = $"Signataire {n}",
            ["Input.Email"] = $"{options.Tag}.{n}@{domain}",
            ["Input.PostalCode"] = (75001 + n % 20).ToString(CultureInfo.InvariantCulture),
        };
        var started = clock.Elapsed.TotalMilliseconds;
        var (status, location) = await PostAsync($"{petitionPath}/signer", form);
        signLatencies.Add(clock.Elapsed.TotalMilliseconds - started);
        if (status == 302 && location == petitionPath) Interlocked.Increment(ref signed);
        else Interlocked.Increment(ref signErrors);
    }
}

// Reads the links the application queued, by id, in bulk: what a mail client would receive. Ids are taken when a row
// is inserted, not when it commits, so a row may appear below ids already read: each poll looks again 1,000 ids below
// the highest id seen, and a last sweep from the start reads whatever is left once every sign POST has answered.
async Task LinkReaderAsync(CancellationToken stop)
{
    var seen = new HashSet<long>();
    var highest = startOutboxId;
    var pattern = new Regex(@"https?://\S+?(/petitions/signature/confirmer\?t=\S+)", RegexOptions.Compiled);
    var like = options.Tag + ".%";
    async Task<int> ReadFromAsync(long floor)
    {
        var fresh = 0;
        while (true)
        {
            await using var command = data.CreateCommand("SELECT \"Id\", \"TextBody\" FROM \"Outbox\" WHERE \"Id\" > $1 AND \"To\" LIKE $2 ORDER BY \"Id\" LIMIT 5000");
            command.Parameters.AddWithValue(floor);
            command.Parameters.AddWithValue(like);
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    rows++;
                    var id = reader.GetInt64(0);
                    floor = id;
                    highest = Math.Max(highest, id);
                    if (!seen.Add(id)) continue;
                    fresh++;
                    if (pattern.Match(reader.GetString(1)) is { Success: true } match) await links.Writer.WriteAsync(match.Groups[1].Value, CancellationToken.None);
                }
            }
            if (rows < 5000) return fresh;
        }
    }
    while (!stop.IsCancellationRequested)
    {
        var fresh = await ReadFromAsync(Math.Max(startOutboxId, highest - 1_000));
        Interlocked.Add(ref linksRead, fresh);
        if (fresh == 0) await Task.Delay(50, CancellationToken.None);
    }
    Interlocked.Add(ref linksRead, await ReadFromAsync(startOutboxId));
    links.Writer.Complete();
}

async Task ConfirmerAsync()
{
    await foreach (var link in links.Reader.ReadAllAsync())
    {
        // The links left after a minute of draining stay unconfirmed (reported as "pending"), like people who never click.
        if (clock.Elapsed.TotalSeconds > options.Seconds + 60) { Interlocked.Increment(ref pending); continue; }
        var uri = new Uri("http://x" + link);
        var token = Uri.UnescapeDataString(uri.Query.Split("t=", 2)[1]);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = formToken, ["t"] = token };
        var sample = Interlocked.Increment(ref processed) % options.DoubleEvery == 0;
        if (sample) Interlocked.Increment(ref doubleSamples);
        var started = clock.Elapsed.TotalMilliseconds;
        // A sampled link is confirmed twice at the same moment (a double click, a retry): it must count once.
        var answers = sample
            ? await Task.WhenAll(PostAsync("/petitions/signature/confirmer", form), PostAsync("/petitions/signature/confirmer", form))
            : [await PostAsync("/petitions/signature/confirmer", form)];
        confirmLatencies.Add(clock.Elapsed.TotalMilliseconds - started);
        var yes = answers.Count(a => a.Status == 302 && a.Location == $"{petitionPath}#signature-confirmee");
        var already = answers.Count(a => a.Status == 302 && a.Location == $"{petitionPath}#signature-deja-confirmee");
        Interlocked.Add(ref confirmed, yes);
        Interlocked.Add(ref alreadyConfirmed, already);
        Interlocked.Add(ref confirmErrors, answers.Length - yes - already);
        if (sample && yes > 1) Interlocked.Increment(ref doubleBothConfirmed);
    }
}

using var stopReading = new CancellationTokenSource();
var reader = Task.Run(() => LinkReaderAsync(stopReading.Token));
var confirmers = Enumerable.Range(0, options.Workers).Select(_ => Task.Run(ConfirmerAsync)).ToArray();
var signers = Enumerable.Range(0, options.Workers).Select(_ => Task.Run(SignerAsync)).ToArray();
var pageReaders = Task.Run(() => page.RunAsync(options.ReadRate, options.Seconds, clock));
await Task.WhenAll(signers);
var signingSeconds = clock.Elapsed.TotalSeconds;
var confirmedBySigningEnd = Interlocked.Read(ref confirmed);
// Every link of a successful signature is in the outbox once its POST answered; one last pass reads the rest.
await Task.Delay(200);
await stopReading.CancelAsync();
await reader;
await Task.WhenAll(confirmers);
await pageReaders;
var allSeconds = clock.Elapsed.TotalSeconds;

await Task.Delay(1500);
var after = await ExactnessAsync();
var rowsConfirmed = after.ConfirmedRows - before.ConfirmedRows;
var countMoved = after.Count - before.Count;
var shardsMoved = after.ShardSum - before.ShardSum;
var exact = rowsConfirmed == confirmed && countMoved == confirmed && shardsMoved == confirmed && after.DuplicateEmails == 0
    && doubleBothConfirmed == 0 && signErrors == 0 && confirmErrors == 0 && confirmed + pending == signed;
// Exactness is about the count; page errors are reported on their own.

string Ms(ConcurrentBag<double> bag, double q)
{
    if (bag.IsEmpty) return "0";
    var sorted = bag.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))].ToString("0.0", CultureInfo.InvariantCulture);
}
string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
Console.WriteLine(string.Join(' ', "VIRAL_RESULT",
    $"target={F(options.Rate)}", $"signing_s={F(signingSeconds)}", $"total_s={F(allSeconds)}",
    $"signed={signed}", $"sign_errors={signErrors}", $"sign_per_s={F(signed / signingSeconds)}", $"sign_p50_ms={Ms(signLatencies, 0.5)}", $"sign_p99_ms={Ms(signLatencies, 0.99)}",
    $"confirmed={confirmed}", $"pending={pending}", $"already={alreadyConfirmed}", $"confirm_errors={confirmErrors}", $"confirmed_per_s={F(confirmed / allSeconds)}",
    $"confirmed_during_signing_per_s={F(confirmedBySigningEnd / signingSeconds)}",
    $"confirm_p50_ms={Ms(confirmLatencies, 0.5)}", $"confirm_p99_ms={Ms(confirmLatencies, 0.99)}",
    $"page_reads={page.Reads}", $"page_errors={page.Errors}", $"page_p50_ms={page.Percentile(0.5)}", $"page_p99_ms={page.Percentile(0.99)}",
    $"double_samples={doubleSamples}", $"double_counted_twice={doubleBothConfirmed}",
    $"rows_confirmed={rowsConfirmed}", $"count_moved={countMoved}", $"shards_moved={shardsMoved}", $"duplicate_emails={after.DuplicateEmails}",
    $"exact={(exact ? "yes" : "no")}"));
return exact ? 0 : 1;

async Task<(int Status, string? Location)> PostAsync(string path, Dictionary<string, string> form)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
    request.Headers.Host = options.Host;
    request.Headers.Add("Cookie", cookie);
    try
    {
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, response.Headers.Location?.OriginalString);
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        return (0, null);
    }
}

async Task<(string Cookie, string Token)> AntiforgeryAsync()
{
    using var request = new HttpRequestMessage(HttpMethod.Get, $"{petitionPath}/signer");
    request.Headers.Host = options.Host;
    using var response = await http.SendAsync(request);
    var html = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {petitionPath}/signer answered {(int)response.StatusCode}");
    var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
    var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];
    if (token.Length == 0) throw new InvalidOperationException("the signing page has no form token (is the petition open?)");
    return (string.Join("; ", cookies), token);
}

async Task<Exactness> ExactnessAsync()
{
    var rows = await ScalarAsync<long>($"SELECT count(*) FROM \"PetitionSignatures\" WHERE \"PetitionId\" = {options.Petition} AND \"ConfirmedAt\" IS NOT NULL AND \"InvalidatedAt\" IS NULL");
    var shards = await ScalarAsync<long>($"SELECT coalesce(sum(\"Count\"), 0) FROM \"PetitionCountShards\" WHERE \"PetitionId\" = {options.Petition}");
    var duplicates = await ScalarAsync<long>($"SELECT count(*) - count(DISTINCT \"CanonicalEmail\") FROM \"PetitionSignatures\" WHERE \"PetitionId\" = {options.Petition}");
    using var request = new HttpRequestMessage(HttpMethod.Get, $"{petitionPath}/compte");
    request.Headers.Host = options.Host;
    using var response = await http.SendAsync(request);
    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return new Exactness(rows, shards, json.RootElement.GetProperty("count").GetInt64(), duplicates);
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var command = data.CreateCommand(sql);
    return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
}

internal sealed record Exactness(long ConfirmedRows, long ShardSum, long Count, long DuplicateEmails);

internal sealed record Options(string Base, string Host, int Petition, string Db, double Seconds, double Rate, string Tag, int Workers, long DoubleEvery, double ReadRate)
{
    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string? fallback = null) => map.TryGetValue(key, out var v) ? v : fallback ?? throw new ArgumentException($"--{key} is required");
        return new Options(Get("base"), Get("host"), int.Parse(Get("petition"), CultureInfo.InvariantCulture), Get("db"),
            double.Parse(Get("seconds", "60"), CultureInfo.InvariantCulture), double.Parse(Get("rate", "2000"), CultureInfo.InvariantCulture),
            Get("tag"), int.Parse(Get("workers", "256"), CultureInfo.InvariantCulture), long.Parse(Get("double-every", "100"), CultureInfo.InvariantCulture),
            double.Parse(Get("read-rate", "500"), CultureInfo.InvariantCulture));
    }
}
