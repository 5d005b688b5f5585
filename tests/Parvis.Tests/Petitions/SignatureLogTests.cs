using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>Signing a petition again is an expected outcome: it leaves no error (and no stack trace) in the log.</summary>
public sealed class SignatureLogTests : IAsyncLifetime
{
    // The errors a refused write leaves: the failed command, the failed save, or anything carrying the refusal.
    // (A connection dropped by a loaded test machine is another matter.)
    private sealed class ErrorLog(ConcurrentQueue<string> errors, string category = "") : ILogger, ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ErrorLog(errors, categoryName);
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var refusedWrite = category is "Microsoft.EntityFrameworkCore.Update" or "Microsoft.EntityFrameworkCore.Database.Command"
                || exception is Microsoft.EntityFrameworkCore.DbUpdateException;
            if (IsEnabled(logLevel) && refusedWrite) errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
        public void Dispose() { }
    }

    private sealed class LoggedFactory(ConcurrentQueue<string> errors) : ParvisFactory
    {
        protected override bool SecondOrganization => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(new ErrorLog(errors)));
        }
    }

    private readonly ConcurrentQueue<string> _errors = new();
    private readonly LoggedFactory _app;

    public SignatureLogTests() => _app = new LoggedFactory(_errors);

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Signing_a_petition_again_logs_no_error()
    {
        var id = await _app.NewSignablePetitionAsync();
        var email = SignatureTestData.NewEmail();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        await _app.SignAndConfirmAsync(visitor, id, email);
        var unconfirmed = SignatureTestData.NewEmail();
        await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(unconfirmed));

        var confirmedAgain = await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        var unconfirmedAgain = await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(unconfirmed));

        Assert.Equal(HttpStatusCode.Redirect, confirmedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, unconfirmedAgain.StatusCode);
        Assert.Equal(2, await _app.SignatureRowsAsync(id));
        Assert.Empty(_errors);
    }
}
