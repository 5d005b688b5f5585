namespace Parvis.Domain;

/// <summary>
/// What an inhabitant may report or ask ("Lampadaire en panne"), grouped ("Éclairage"), routed to a
/// service that answers within a target time. Open311 calls it a service; its code is the service_code.
/// </summary>
public class RequestCategory : ITenantOwned
{
    public const int MaxCode = 60, MaxName = 150, MaxGroup = 100, MaxDescription = 1_000, MaxServiceName = 200;
    public const int MaxKeywords = 300;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    /// <summary>Stable, URL-safe code (lower-case letters, digits, dashes): the Open311 service_code.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Group { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Comma-separated words that help finding the category (Open311 keywords).</summary>
    public string Keywords { get; set; } = "";
    /// <summary>The service its requests are routed to: agents of that service answer them.</summary>
    public required string ServiceName { get; set; }
    /// <summary>The promise: a request of this category is resolved within this many hours.</summary>
    public int TargetHours { get; set; } = 7 * 24;
    public int Position { get; set; }
    /// <summary>An inactive category takes no new request; its requests stay.</summary>
    public bool IsActive { get; set; } = true;
    public List<CategoryQuestion> Questions { get; set; } = [];

    public static string? Validate(string? code, string? name, string? group, string? serviceName, int targetHours, string? description, string? keywords)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCode || !code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            return $"Le code est fait de lettres minuscules sans accent, de chiffres et de tirets ({MaxCode} au plus).";
        if (string.IsNullOrWhiteSpace(name)) return "Donnez un nom à la catégorie.";
        if (name.Trim().Length > MaxName) return $"Le nom dépasse {MaxName} caractères.";
        if (string.IsNullOrWhiteSpace(group)) return "Choisissez le groupe de la catégorie (voirie, propreté…).";
        if (group.Trim().Length > MaxGroup) return $"Le groupe dépasse {MaxGroup} caractères.";
        if (string.IsNullOrWhiteSpace(serviceName)) return "Choisissez le service qui traite cette catégorie.";
        if (serviceName.Trim().Length > MaxServiceName) return $"Le nom du service dépasse {MaxServiceName} caractères.";
        if (targetHours is < 1 or > 24 * 365) return "Le délai cible est compris entre 1 heure et un an.";
        if (description is { Length: > MaxDescription }) return $"La description dépasse {MaxDescription} caractères.";
        if (keywords is { Length: > MaxKeywords }) return $"Les mots-clés dépassent {MaxKeywords} caractères.";
        return null;
    }
}

/// <summary>The kinds of extra questions; Open311 names them string, number, datetime, text, singlevaluelist, multivaluelist.</summary>
public enum QuestionKind { ShortText, LongText, Number, Date, SingleChoice, MultipleChoice }

/// <summary>An extra question a category asks ("Numéro du lampadaire"): an Open311 service-definition attribute.</summary>
public class CategoryQuestion : ITenantOwned
{
    public const int MaxCode = 60, MaxPrompt = 300, MaxChoices = 2_000, MaxAnswer = 1_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int CategoryId { get; set; }
    /// <summary>The Open311 attribute code, unique in its category.</summary>
    public required string Code { get; set; }
    public required string Prompt { get; set; }
    public QuestionKind Kind { get; set; }
    public bool Required { get; set; }
    public int Position { get; set; }
    /// <summary>For choices: one per line, "key=Label" (the key is what Open311 clients send).</summary>
    public string Choices { get; set; } = "";

    public IReadOnlyList<(string Key, string Label)> ChoiceList() =>
        Choices.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2) is [var key, var label] ? (key.Trim(), label.Trim()) : (line, line))
            .ToList();

    public bool HasChoices => Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;

    /// <summary>
    /// Checks the values given to this question and returns what is stored (choices as their keys, joined by
    /// commas; dates as yyyy-MM-dd; numbers invariant), or throws a French message naming the question.
    /// </summary>
    public string? Normalize(IReadOnlyList<string> values)
    {
        var given = values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (given.Count == 0)
        {
            if (Required) throw DomainException.WithValues("Répondez à la question « {0} ».", Prompt);
            return null;
        }
        if (Kind != QuestionKind.MultipleChoice && given.Count > 1) throw DomainException.WithValues("La question « {0} » attend une seule réponse.", Prompt);
        var value = given[0];
        switch (Kind)
        {
            case QuestionKind.Number:
                if (!decimal.TryParse(value.Replace(',', '.'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number))
                    throw DomainException.WithValues("La réponse à « {0} » doit être un nombre.", Prompt);
                return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case QuestionKind.Date:
                if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date) || DateOnly.TryParseExact(value, "dd/MM/yyyy", out date))
                    return date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                if (DateTime.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var moment))
                    return DateOnly.FromDateTime(moment).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                throw DomainException.WithValues("La réponse à « {0} » doit être une date (jj/mm/aaaa).", Prompt);
            case QuestionKind.SingleChoice:
            case QuestionKind.MultipleChoice:
                var keys = ChoiceList().Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
                if (given.Any(v => !keys.Contains(v))) throw DomainException.WithValues("Choisissez une réponse proposée à « {0} ».", Prompt);
                return string.Join(",", given.Distinct(StringComparer.Ordinal));
            default:
                var max = Kind == QuestionKind.ShortText ? 200 : MaxAnswer;
                if (value.Length > max) throw DomainException.WithValues("La réponse à « {0} » dépasse {1} caractères.", Prompt, max);
                return value;
        }
    }

    public static string? Validate(string? code, string? prompt, QuestionKind kind, string? choices)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > MaxCode || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return $"Le code de la question est fait de lettres sans accent, de chiffres et de tirets ({MaxCode} au plus).";
        if (string.IsNullOrWhiteSpace(prompt)) return "Écrivez la question.";
        if (prompt.Trim().Length > MaxPrompt) return $"La question dépasse {MaxPrompt} caractères.";
        if (choices is { Length: > MaxChoices }) return $"Les choix dépassent {MaxChoices} caractères.";
        if (kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice && string.IsNullOrWhiteSpace(choices))
            return "Une question à choix a au moins un choix (un par ligne, « clé=Libellé »).";
        return null;
    }
}

/// <summary>How an organization takes requests: whether they are public, and who may send one.</summary>
public class RequestSettings
{
    /// <summary>The map and list of requests are public (personal data never is).</summary>
    public bool PublicRequests { get; set; } = true;
    /// <summary>Anyone may report without an account or e-mail; otherwise an account or a confirmed e-mail.</summary>
    public bool AllowAnonymous { get; set; }
    /// <summary>Days after "resolved" when the reporter is asked "est-ce réglé ?".</summary>
    public int AskIfFixedAfterDays { get; set; } = 28;
    /// <summary>Radius of the "déjà signalé ?" step, in metres.</summary>
    public int NearbyMetres { get; set; } = 250;

    public const int MaxAskIfFixedAfterDays = 365, MaxNearbyMetres = 5_000;

    public string? Validate()
    {
        if (AskIfFixedAfterDays is < 1 or > MaxAskIfFixedAfterDays) return "Le délai avant « est-ce réglé ? » est compris entre 1 et 365 jours.";
        if (NearbyMetres is < 10 or > MaxNearbyMetres) return "Le rayon des signalements proches est compris entre 10 et 5 000 mètres.";
        return null;
    }
}
