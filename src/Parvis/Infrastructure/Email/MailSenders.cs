using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Parvis.Infrastructure.Email;

public sealed class EmailOptions
{
    /// <summary>SMTP host; empty means the embedded default: messages are written as .eml files.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>None, StartTls, SslOnConnect or Auto.</summary>
    public string Security { get; set; } = "Auto";
    public string From { get; set; } = "Parvis <no-reply@parvis.localhost>";
    public string PickupFolder { get; set; } = "data/mail";
    public double PollSeconds { get; set; } = 5;
    /// <summary>False only for load tests (bench/run): messages stay queued in the outbox, nothing is sent.</summary>
    public bool Deliver { get; set; } = true;
}

public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken token);
}

public sealed class SmtpMailSender(IOptions<EmailOptions> options) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken token)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(o.Security, true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(o.SmtpHost!, o.SmtpPort, security, token);
        if (!string.IsNullOrEmpty(o.SmtpUser)) await client.AuthenticateAsync(o.SmtpUser, o.SmtpPassword ?? "", token);
        await client.SendAsync(message, token);
        await client.DisconnectAsync(true, token);
    }
}

/// <summary>The embedded default: each message becomes an .eml file, and its links are logged, so the demo works offline.</summary>
public sealed partial class PickupFolderMailSender(IOptions<EmailOptions> options, IWebHostEnvironment env, ILogger<PickupFolderMailSender> logger) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken token)
    {
        var folder = Path.Combine(env.ContentRootPath, options.Value.PickupFolder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        // Written aside, then renamed: whoever watches the folder never reads half a message.
        await message.WriteToAsync(path + ".part", token);
        File.Move(path + ".part", path);
        foreach (System.Text.RegularExpressions.Match link in LinkPattern().Matches(message.TextBody ?? ""))
            logger.LogInformation("E-mail written to {Path}; link: {Link}", path, link.Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S+")]
    private static partial System.Text.RegularExpressions.Regex LinkPattern();
}
