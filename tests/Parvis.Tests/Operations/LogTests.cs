using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Parvis.Infrastructure.Operations;
using Parvis.Testing;

namespace Parvis.Tests.Operations;

/// <summary>
/// What the operator's logs hold: the request's id in every line of a request and on the error page, one JSON object
/// per line when asked, and no e-mail or IP address in clear, even where a server or Redis quotes them.
/// </summary>
public sealed class LogTests : IAsyncLifetime
{
    private const string FailHeader = "X-Test-Fail";
    private const string Client = "203.0.113.7";

    public sealed record Line(string Category, LogLevel Level, string Text, IReadOnlyDictionary<string, string> Scopes);

    private sealed class LogCapture(ConcurrentQueue<Line> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(LogCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                var scopes = new Dictionary<string, string>();
                capture._scopes.ForEachScope((scope, values) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        foreach (var (k, v) in pairs) values[k] = v?.ToString() ?? "";
                    else values["Scope" + values.Count] = scope?.ToString() ?? "";
                }, scopes);
                capture._lines.Enqueue(new Line(category, logLevel, formatter(state, exception) + " " + exception, scopes));
            }
        }

        private readonly ConcurrentQueue<Line> _lines = lines;
    }

    /// <summary>A page that fails when the test asks (the error page itself excepted).</summary>
    private sealed class FailOnDemand : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
            context.HttpContext.Request.Headers.ContainsKey(FailHeader) && context.HttpContext.Request.Path != "/erreur"
                ? throw new InvalidOperationException("Panne simulée pour le test")
                : next();
    }

    /// <summary>An SMTP server that refuses every recipient, quoting the address as real servers do.</summary>
    private sealed class RefusingSmtp : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        public int Port { get; }

        public RefusingSmtp()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptAsync);
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); }
                catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private static async Task ServeAsync(TcpClient client)
        {
            using var _ = client;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            try
            {
                await writer.WriteLineAsync("220 refus.test ESMTP");
                while (await reader.ReadLineAsync() is { } command)
                {
                    var verb = command.Split(' ', ':')[0].ToUpperInvariant();
                    if (verb == "QUIT") { await writer.WriteLineAsync("221 bye"); return; }
                    await writer.WriteLineAsync(verb switch
                    {
                        "EHLO" => "250 refus.test",
                        "RCPT" => $"550 5.1.1 {command[(command.IndexOf(':') + 1)..].Trim()}: Recipient address rejected",
                        _ => "250 OK",
                    });
                }
            }
            catch (IOException) { }
        }

        public void Dispose() => _listener.Stop();
    }

    private sealed class LoggedApp(ConcurrentQueue<Line> lines, int smtpPort) : OperationsApp
    {
        protected override bool SecondOrganization => false;
        protected override int SmtpPort => smtpPort;

        // Redis where nothing listens: every rate-limited request logs its key, which names the client's address.
        protected override Dictionary<string, string?> Settings => new(base.Settings)
        {
            ["Operations:LogFormat"] = "json",
            ["Cluster:Redis"] = $"127.0.0.1:{TestSmtpServer.FreePort()},connectRetry=0",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(new LogCapture(lines)).AddFilter<LogCapture>(null, LogLevel.Information));
            builder.ConfigureServices(s => s.Configure<MvcOptions>(o => o.Filters.Add(new FailOnDemand())));
        }
    }

    private readonly ConcurrentQueue<Line> _lines = new();
    private readonly RefusingSmtp _smtp = new();
    private readonly LoggedApp _app;

    public LogTests() => _app = new LoggedApp(_lines, _smtp.Port);

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _smtp.Dispose();
    }

    [Fact]
    public async Task The_error_page_shows_the_request_id_that_the_requests_log_lines_carry()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        client.DefaultRequestHeaders.Add(FailHeader, "1");

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var failure = Assert.Single(_lines, l => l.Level == LogLevel.Error && l.Text.Contains("Panne simulée", StringComparison.Ordinal));
        var id = failure.Scopes.GetValueOrDefault("RequestId");
        Assert.False(string.IsNullOrEmpty(id), "The error's log line carries no RequestId.");
        // Every line of that request carries it (the request's start and end, the failure).
        Assert.True(_lines.Count(l => l.Scopes.GetValueOrDefault("RequestId") == id) >= 2);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"Identifiant de la requête (à donner au support si le problème persiste) : {id}", WebUtility.HtmlDecode(page),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_up_logging_in_and_a_refused_email_log_no_address_in_clear()
    {
        var email = $"jean.dupont-{Guid.NewGuid():N}@exemple.fr";
        var client = _app.ClientFrom(Client);
        await client.SubmitAsync("/compte/inscription", "main form", new Dictionary<string, string?>
        {
            ["Form.Email"] = email,
            ["Form.Pseudonym"] = "Jean",
            ["Form.Password"] = "un mot de passe long",
            ["Form.AcceptCharter"] = "true",
        });
        await client.SubmitAsync("/compte/connexion", "main form",
            new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = "un mauvais mot de passe" });
        // The confirmation e-mail is refused by the server, which quotes the address: the worker logs the refusal.
        await Eventually.UntilAsync(() => Task.FromResult(_lines.Any(l => l.Text.Contains("not sent", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(30), "The outbox worker never logged the refused e-mail.");

        var all = _lines.Select(l => l.Category + " " + l.Text + " " + string.Join(" ", l.Scopes.Values)).ToList();
        Assert.Contains(all, l => l.Contains("not sent", StringComparison.Ordinal) && l.Contains("j***@exemple.fr", StringComparison.Ordinal));
        Assert.Contains(all, l => l.Contains("Redis unreachable", StringComparison.Ordinal) && l.Contains("203.0.113.0", StringComparison.Ordinal));
        Assert.DoesNotContain(all, l => l.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(all, l => l.Contains(Client, StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_format_writes_one_object_per_line_with_the_request_id()
    {
        var services = _app.Services;
        var console = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == console.FormatterName);
        var scopes = new LoggerExternalScopeProvider();
        using var writer = new StringWriter();
        using (scopes.Push(new Dictionary<string, object> { ["RequestId"] = "0HN-TEST:00000001" }))
        {
            formatter.Write(new LogEntry<string>(LogLevel.Warning, "Parvis.Test", new EventId(1), "deux\nlignes", null, (s, _) => s),
                scopes, writer);
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("deux\nlignes", json.RootElement.GetProperty("Message").GetString());
        var scope = Assert.Single(json.RootElement.GetProperty("Scopes").EnumerateArray());
        Assert.Equal("0HN-TEST:00000001", scope.GetProperty("RequestId").GetString());
    }

    [Theory]
    [InlineData("jean.dupont@exemple.fr", "j***@exemple.fr")]
    [InlineData("550 5.1.1 <a.b@c.fr>: rejected", "550 5.1.1 <a***@c.fr>: rejected")]
    [InlineData("signup:ip:203.0.113.7", "signup:ip:203.0.113.0")]
    [InlineData("from 2001:db8:1234:5678::1 at 12:30:05", "from 2001:db8:1234:: at 12:30:05")]
    [InlineData("version 1.2.3 sans adresse", "version 1.2.3 sans adresse")]
    public void The_mask_hides_addresses_in_any_text(string text, string masked) =>
        Assert.Equal(masked, PersonalDataMask.Text(text));
}
