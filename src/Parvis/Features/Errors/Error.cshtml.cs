using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Errors;

[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }
    /// <summary>After a rate limit: how long until the person may try again.</summary>
    public TimeSpan? RetryAfter { get; private set; }
    /// <summary>After a refused form: the texts the person typed (never passwords nor tokens), to copy back.</summary>
    public List<(string Name, string Value)> Typed { get; private set; } = [];
    /// <summary>The page the refused request was sent to (a local path), to go back to.</summary>
    public string? BackTo { get; private set; }
    /// <summary>The failed request's id (the re-executed request keeps its context): the RequestId of its log lines.</summary>
    public string RequestId => HttpContext.TraceIdentifier;

    // Read from the query string by hand: binding would read the form of a re-executed POST,
    // the very body that may have been refused as too large or malformed.
    public void OnGet() => Code = ReadCode();

    public async Task OnPostAsync()
    {
        Code = ReadCode();
        if (HttpContext.Features.Get<RateLimitRefusal>() is not { } refusal) return;
        RetryAfter = refusal.RetryAfter;
        BackTo = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath;
        // Only a refusal by a rate limit: its body was read by nobody and is an ordinary form.
        if (!Request.HasFormContentType) return;
        var form = await Request.ReadFormAsync(HttpContext.RequestAborted);
        Typed = form.Where(f => IsTyped(f.Key))
            .SelectMany(f => f.Value.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (f.Key, v!)))
            .Where(f => f.Item2.Length > 2 && !bool.TryParse(f.Item2, out _) && !decimal.TryParse(f.Item2, out _)).Take(10).ToList();
    }

    private static bool IsTyped(string name) =>
        !name.StartsWith("__", StringComparison.Ordinal) && !name.Contains("password", StringComparison.OrdinalIgnoreCase)
        && !name.Equals("handler", StringComparison.OrdinalIgnoreCase);

    private int ReadCode() =>
        int.TryParse(Request.Query["code"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 500;
}
