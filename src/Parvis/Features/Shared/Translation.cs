using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Parvis.Domain;

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
}
