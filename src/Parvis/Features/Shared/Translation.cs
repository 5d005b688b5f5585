using System.Globalization;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Parvis.Domain;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Shared;

/// <summary>
/// Messages written in French by the code are translated when they are shown. These helpers keep a
/// broken rule whole until then, so a message with values (a date, a name) is translated too.
/// </summary>
public static class Translation
{
    /// <summary>Adds a broken rule to the form errors; the error summary translates it with its values.</summary>
    public static void AddDomainError(this ModelStateDictionary modelState, string key, DomainException error) =>
        modelState.TryAddModelException(key, error);

    /// <summary>The message of a broken rule in the current language, as text (encoded when written).</summary>
    public static LocalizedString Translate(this IHtmlLocalizer localizer, DomainException error) =>
        localizer.GetString(error.Template, error.Arguments.Cast<object>().ToArray());

    /// <summary>A message produced by the code (form error, notice, label) in the current language, as text.</summary>
    public static LocalizedString Text(this IHtmlLocalizer localizer, string? french) =>
        string.IsNullOrEmpty(french) ? new LocalizedString("", "") : localizer.GetString(french);

    /// <summary>
    /// A text with a count, in the singular or the plural form the current language asks for: both forms are
    /// keys (French), each translated; never "(s)". <paramref name="values"/> fill the placeholders, count included.
    /// </summary>
    public static LocalizedHtmlString Plural(this IHtmlLocalizer localizer, decimal count, string one, string other,
        params object[] values) =>
        localizer[Plurals.Pick(count, one, other), values];

    /// <summary>The same choice for text made by the code (notices, titles), as text.</summary>
    public static LocalizedString PluralText(this IHtmlLocalizer localizer, decimal count, string one, string other,
        params object[] values) =>
        localizer.GetString(Plurals.Pick(count, one, other), values);
}

/// <summary>
/// The plural rule of each language (CLDR): in French 0 and 1 take the singular ("0 signature", "1,5 jour"),
/// in English only 1 does ("0 signatures"). petition-count.js asks the browser's Intl.PluralRules, which agrees.
/// </summary>
public static class Plurals
{
    public static bool IsOne(decimal count, CultureInfo culture)
    {
        var magnitude = Math.Abs(count);
        return culture.TwoLetterISOLanguageName == "fr" ? magnitude < 2 : magnitude == 1;
    }

    /// <summary>The form (a French key, translated where shown) for the language of the current request.</summary>
    public static string Pick(decimal count, string one, string other) =>
        IsOne(count, CultureInfo.CurrentUICulture) ? one : other;

    /// <summary>French only, for the texts that stay French (audit entries, e-mails).</summary>
    public static string French(decimal count, string one, string other) =>
        IsOne(count, CultureInfo.GetCultureInfo(Cultures.French)) ? one : other;
}
