using System.Net.Sockets;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Localization;
using Npgsql;
using Parvis.Resources;

namespace Parvis.Infrastructure.Cluster;

/// <summary>
/// While the database is away (restart, fail-over, network cut), busy (locked) or cannot be written (a read-only
/// file or transaction, a full disk), visitors get a plain 503 page that asks them to retry, written without
/// touching the database. Pooled connections are rebuilt by the driver, so the next requests succeed as soon as
/// the database is back.
/// </summary>
public sealed class DatabaseUnavailableHandler(IStringLocalizer<SharedResource> text, HtmlEncoder html, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        if (!IsDatabaseUnavailable(exception) || context.Response.HasStarted) return false;
        logger.LogWarning("Database unavailable: {Error}", exception.GetBaseException().Message);
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        Web.WebSetup.AddSecurityHeaders(context.Response);
        context.Response.ContentType = "text/html; charset=utf-8";
        var title = html.Encode(text["Service momentanément indisponible"]);
        var body = html.Encode(text["Le service est momentanément indisponible. Réessayez dans quelques secondes."]);
        var home = html.Encode(text["Retour à l'accueil"]);
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="contenu"><h1>{title}</h1><p>{body}</p><p><a href="/">{home}</a></p></main></body></html>
            """, cancellationToken);
        return true;
    }

    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException { IsTransient: true }:
                // Shut down, crashed, starting; too many connections; a read-only transaction (a standby); disk full, out of resources.
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" or "25006" or "53100" or "53000" }:
                case SocketException:
                case TimeoutException:
                // Busy, locked; read-only (file, folder or mode); disk full.
                case SqliteException { SqliteErrorCode: 5 or 6 or 8 or 13 }:
                    return true;
            }
        }
        return false;
    }
}
