using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Language;

/// <summary>
/// The language switch of the footer: a GET form that stores the choice in the standard culture cookie
/// and goes back to the page the person was reading. A cross-site link to it can change the language
/// shown, nothing else, so it carries no antiforgery token — and the pages it sits on stay cacheable.
/// </summary>
public class IndexModel : PageModel
{
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        if (culture is null) return Redirect("/");
        // A language not offered (a hand-edited address, an old link) gets the reference text, not an error page.
        var chosen = culture == "en" ? Cultures.English : Cultures.French;
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
            });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? WithoutCulture(returnUrl) : "/");
    }

    /// <summary>A culture left in the query string would win over the new cookie on the way back.</summary>
    private static string WithoutCulture(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash < 0 ? "" : url[hash..];
        var rest = hash < 0 ? url : url[..hash];
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question < 0) return url;
        var kept = QueryHelpers.ParseQuery(rest[question..])
            .Where(p => !p.Key.Equals("culture", StringComparison.OrdinalIgnoreCase) && !p.Key.Equals("ui-culture", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return QueryHelpers.AddQueryString(rest[..question], kept) + fragment;
    }
}
