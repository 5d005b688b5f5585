using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace Parvis.Infrastructure.Web;

/// <summary>User text is Markdown, rendered by Markdig and sanitized: raw HTML never reaches a page.</summary>
public sealed class MarkdownRenderer : IDisposable
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml().UseAutoLinks().UsePipeTables().UseEmphasisExtras().Build();

    private readonly HtmlSanitizer _sanitizer = new();
    // Sanitizing parses the HTML again and costs far more than the Markdown itself; a text renders the same every time.
    private readonly MemoryCache _rendered = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public MarkdownRenderer()
    {
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedTags.Remove("img");
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a) a.SetAttribute("rel", "nofollow ugc noopener");
        };
    }

    public void Dispose() => _rendered.Dispose();

    public IHtmlContent Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return HtmlString.Empty;
        if (_rendered.TryGetValue(markdown, out HtmlString? html)) return html!;
        html = new HtmlString(_sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)));
        _rendered.Set(markdown, html, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return html;
    }

    /// <summary>A Markdown text as plain text on one line, for a summary or an excerpt.</summary>
    public static string PlainText(string? markdown) => string.IsNullOrWhiteSpace(markdown) ? ""
        : string.Join(' ', Markdown.ToPlainText(markdown, Pipeline).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
