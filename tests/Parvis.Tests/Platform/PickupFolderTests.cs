using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

/// <summary>With no SMTP server configured (the embedded default), e-mails become .eml files and their links are logged.</summary>
public sealed class PickupFolderTests : IAsyncLifetime
{
    private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILogger, ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
        public void Dispose() { }
    }

    private sealed class OfflineFactory(string folder, ConcurrentQueue<string> lines) : ParvisFactory
    {
        protected override Dictionary<string, string?> Settings => new() { ["Email:SmtpHost"] = "", ["Email:PickupFolder"] = folder };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(new CapturingLogger(lines)));
        }
    }

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"parvis-mail-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _log = new();
    private readonly OfflineFactory _app;

    public PickupFolderTests() => _app = new OfflineFactory(_folder, _log);

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_sign_up_without_smtp_writes_an_eml_file_and_logs_the_confirmation_link()
    {
        var email = $"horsligne-{Guid.NewGuid():N}@example.org";
        await _app.ClientFor(ParvisFactory.HostA).SubmitAsync("/compte/inscription", "main form", new Dictionary<string, string?>
        {
            ["Form.Email"] = email,
            ["Form.Pseudonym"] = "Horsligne",
            ["Form.Password"] = "un mot de passe long",
            ["Form.AcceptCharter"] = "true",
        });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string[] files = [];
        while (files.Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            files = Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*.eml") : [];
        }
        var message = await MimeKit.MimeMessage.LoadAsync(Assert.Single(files));
        Assert.Equal(email, message.To.Mailboxes.Single().Address);
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+").Value;
        Assert.Contains("/compte/confirmer", link, StringComparison.Ordinal);
        Assert.Contains(_log, line => line.Contains(link, StringComparison.Ordinal));
        Assert.Empty(_app.Smtp.Messages);
    }
}
