using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Parvis.Testing;

/// <summary>Reads pages and submits their forms the way a browser without JavaScript would, antiforgery token included.</summary>
public static class HtmlClient
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return Parser.ParseDocument(html);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Fills the form matched by the selector on the page at url and submits it; returns the raw response.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string url, string formSelector,
        IDictionary<string, string?> values, string? submitter = null) =>
        await client.SubmitAsync(await client.GetDocumentAsync(url), url, formSelector, values, submitter);

    /// <summary>Submits a form of a page already read, possibly by another client (another node of a cluster).</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlDocument document, string url, string formSelector,
        IDictionary<string, string?> values, string? submitter = null)
    {
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name)) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked:
                    fields.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
            }
        }
        foreach (var (name, value) in values)
            if (value is not null) fields.Add(new(name, value));
        var action = submitter ?? form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? url : action.StartsWith('?') ? url.Split('?')[0] + action : action;
        if (string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase))
            return await client.GetAsync(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(target.Split('?')[0], fields!));
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    /// <summary>Submits and follows one redirect, returning the page a person ends up on.</summary>
    public static async Task<IHtmlDocument> SubmitAndReadAsync(this HttpClient client, string url, string formSelector,
        IDictionary<string, string?> values, string? submitter = null)
    {
        var response = await client.SubmitAsync(url, formSelector, values, submitter);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"POST {url} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return Parser.ParseDocument(html);
    }

    public static async Task LoginAsync(this HttpClient client, string email, string password = ParvisFactory.Password)
    {
        var response = await client.SubmitAsync("/compte/connexion", "main form", new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"Login of {email} failed: {(int)response.StatusCode}");
    }

    /// <summary>The text a person reads on the page answered, entities decoded.</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        Parse(await response.Content.ReadAsStringAsync()).Body?.TextContent ?? "";

    /// <summary>The texts of the page's error summary, as a person reads them.</summary>
    public static IReadOnlyList<string> Errors(this IHtmlDocument document) =>
        document.QuerySelectorAll(".errors li").Select(e => e.TextContent.Trim()).ToList();
}
