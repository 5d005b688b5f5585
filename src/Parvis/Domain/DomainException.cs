using System.Globalization;

namespace Parvis.Domain;

/// <summary>
/// A rule of the domain was broken; the message is shown to the person (French, the reference text).
/// A message carrying values keeps its template and arguments, so the interface can translate it.
/// </summary>
public sealed class DomainException : Exception
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public DomainException(string message) : base(message) => Template = message;

    private DomainException(string template, object?[] arguments) : base(string.Format(French, template, arguments))
    {
        Template = template;
        Arguments = arguments;
    }

    /// <summary>A message with values: <paramref name="template"/> uses composite format placeholders ({0}, {1}…).</summary>
    public static DomainException WithValues(string template, params object?[] arguments) => new(template, arguments);

    /// <summary>The French message before its values are put in; the key of its translations.</summary>
    public string Template { get; }

    public IReadOnlyList<object?> Arguments { get; } = [];
}
