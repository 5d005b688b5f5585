using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Parvis.Testing;

/// <summary>A real SMTP server in the test process: MailKit in the app talks SMTP to it over loopback.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public int Port { get; }

    public TestSmtpServer(int? port = null)
    {
        Port = port ?? FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false)).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages.ToArray();

    /// <summary>
    /// Where every link of every e-mail must point: the organizations' public addresses ("http://a.test/"). A message
    /// with a link elsewhere fails the test that waits for it, whatever that test is about.
    /// </summary>
    public Func<IReadOnlyList<string>>? LinkBases { get; set; }

    /// <summary>The first link of a message's text, as a person would click it.</summary>
    public static string LinkIn(MimeMessage message) =>
        System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+").Value;

    /// <summary>Every link of a message's text.</summary>
    public static IReadOnlyList<string> LinksIn(MimeMessage message) =>
        System.Text.RegularExpressions.Regex.Matches(message.TextBody ?? "", @"https?://\S+").Select(m => m.Value).ToList();

    /// <summary>Waits for the next message to this address; the outbox worker sends within a fraction of a second.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool>? match = null, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            var found = _store.Messages.LastOrDefault(m => m.To.Mailboxes.Any(b => b.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (match?.Invoke(m) ?? true));
            if (found is not null) return CheckLinks(found);
            await Task.Delay(100);
        }
        throw new TimeoutException($"No e-mail to {to} within {timeoutSeconds} s.");
    }

    private MimeMessage CheckLinks(MimeMessage message)
    {
        if (LinkBases is null) return message;
        var bases = LinkBases();
        var stray = LinksIn(message).Where(l => !bases.Any(b => l.StartsWith(b, StringComparison.Ordinal))).ToList();
        if (stray.Count > 0)
            throw new InvalidOperationException($"The e-mail \"{message.Subject}\" links outside the organizations' addresses ({string.Join(", ", bases)}): {string.Join(", ", stray)}");
        return message;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
