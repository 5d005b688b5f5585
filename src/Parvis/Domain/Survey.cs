using System.Linq.Expressions;

namespace Parvis.Domain;

public enum SurveyQuestionKind { SingleChoice, MultipleChoice, Scale, Ranking, ShortText, LongText, Number, Date, Matrix }

/// <summary>
/// A questionnaire (or, flagged <see cref="IsQuickQuestion"/>, a "question rapide" of one question): sections answered one
/// step at a time, questions shown on conditions, answers aggregated in the database, never about fewer than
/// <see cref="MinimumGroup"/> people.
/// </summary>
public class Survey : ITenantOwned, IParticipationSpace, IServiceOwned, ISearchable
{
    public const int MaxTitle = 200;
    public const int MaxIntro = 20_000;
    /// <summary>No figure is shown about a group smaller than this: small groups would identify people.</summary>
    public const int MinimumGroup = SmallGroups.Minimum;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int TerritoryId { get; set; }
    public int? ProjectId { get; set; }
    public string? ServiceName { get; set; }
    public required string Title { get; set; }
    public string IntroMarkdown { get; set; } = "";
    public bool IsQuickQuestion { get; set; }
    /// <summary>Anyone (anonymous: one answer per device), an account, or a verified attribute.</summary>
    public ParticipationLevel AnswerLevel { get; set; } = ParticipationLevel.ConfirmedAccount;
    public int? MinimumAge { get; set; }
    /// <summary>A person may change their answer while the survey is open.</summary>
    public bool AllowChanges { get; set; }
    public bool PublicResults { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ClosesAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int PaperSheetsPrinted { get; set; }

    int IParticipationSpace.TerritoryId => TerritoryId;

    public ActionRequirement RequirementFor(ParticipationAction action) => new(AnswerLevel, MinimumAge);

    /// <summary>A draft has no date of its own: it is not found, and publishing it saves it again with its date.</summary>
    public SearchDocument ToSearchDocument() =>
        new(SearchKind.Survey, Id, Title, IntroMarkdown, TerritoryId, PublishedAt ?? DateTime.UnixEpoch);

    public bool IsAnonymous => AnswerLevel == ParticipationLevel.Anyone && MinimumAge is null;

    /// <summary>The one rule of an open survey: published, not closed by hand, before its closing date.</summary>
    private static readonly Expression<Func<Survey, DateTime, bool>> OpenRule =
        (s, now) => s.PublishedAt != null && s.ClosedAt == null && (s.ClosesAt == null || now < s.ClosesAt);

    private static readonly Func<Survey, DateTime, bool> IsOpen = OpenRule.Compile();

    public bool IsOpenAt(DateTime now) => IsOpen(this, now);

    /// <summary>The same rule for a query, the moment sent as a parameter.</summary>
    public static Expression<Func<Survey, bool>> OpenAt(DateTime now) => OpenRule.BindSecond(now);

    /// <summary>The settings an organizer may choose: a level without an e-mail-only step, an age from the list.</summary>
    public string? ValidateSettings()
    {
        if (!Enum.IsDefined(AnswerLevel) || AnswerLevel == ParticipationLevel.AnyoneWithConfirmedEmail)
            return "Choisissez qui peut répondre : tout le monde, un compte, ou une qualité vérifiée.";
        if (MinimumAge is { } age && !ParticipationRules.MinimumAges.Contains(age)) return "Choisissez un âge minimum de 16 ou 18 ans.";
        if (MinimumAge is not null && AnswerLevel == ParticipationLevel.Anyone)
            return "Un âge minimum demande un compte vérifié : choisissez au moins « un compte ».";
        return null;
    }

    /// <summary>Questions change only before publication: answers already given would no longer mean the same thing.</summary>
    public void EnsureEditable()
    {
        if (PublishedAt is not null) throw new DomainException("Une enquête publiée ne peut plus changer ses questions.");
    }

    public void Publish(DateTime now, IReadOnlyCollection<SurveyQuestionKind> questions)
    {
        if (PublishedAt is not null) throw new DomainException("Cette enquête est déjà publiée.");
        if (questions.Count == 0) throw new DomainException("Ajoutez au moins une question avant de publier.");
        if (IsQuickQuestion && questions.Count != 1) throw new DomainException("Une question rapide compte une seule question.");
        // Answered in one click or one sentence, on the home and project pages.
        if (IsQuickQuestion && questions.Single() is not (SurveyQuestionKind.SingleChoice or SurveyQuestionKind.ShortText))
            throw new DomainException("Une question rapide se répond d'un clic ou d'une phrase : choix unique ou texte court.");
        PublishedAt = now;
    }

    public void Close(DateTime now)
    {
        if (PublishedAt is null) throw new DomainException("Une enquête non publiée ne peut pas être close.");
        if (ClosedAt is not null) throw new DomainException("Cette enquête est déjà close.");
        ClosedAt = now;
    }

    public void EnsureOpen(DateTime now)
    {
        if (!IsOpenAt(now)) throw new DomainException("Cette enquête n'est pas ouverte : il n'est pas possible d'y répondre.");
    }

    public const int MaxSheetsPerPrint = 500;

    /// <summary>A kit (sheets or poster) is printed while people can still answer: published and not closed.</summary>
    public void EnsurePrintable()
    {
        if (PublishedAt is null || ClosedAt is not null)
            throw new DomainException("Le kit papier s'imprime pour une enquête publiée et pas encore close.");
    }

    public IReadOnlyList<PaperSheetReference> PrintPaperSheets(int count)
    {
        EnsurePrintable();
        if (count is < 1 or > MaxSheetsPerPrint)
            throw DomainException.WithValues("Imprimez entre 1 et {0} feuilles à la fois.", MaxSheetsPerPrint);
        if (PaperSheetsPrinted + count > PaperSheetReference.MaxSheet)
            throw new DomainException("Cette enquête a atteint le nombre maximal de feuilles imprimées.");
        var first = PaperSheetsPrinted + 1;
        PaperSheetsPrinted += count;
        return [.. Enumerable.Range(first, count).Select(n => new PaperSheetReference(PaperKitKind.Survey, Id, n))];
    }

    /// <summary>The sheet an agent is entering really is one of this survey's printed sheets.</summary>
    public int SheetOf(string? reference)
    {
        if (!PaperSheetReference.TryParse(reference, out var sheet))
            throw new DomainException("Cette référence de feuille n'est pas valide : vérifiez-la sur la feuille (exemple : Q12-0042-K).");
        if (sheet.Kind != PaperKitKind.Survey || sheet.SubjectId != Id)
            throw new DomainException("Cette feuille appartient à une autre enquête.");
        if (sheet.Sheet > PaperSheetsPrinted)
            throw new DomainException("Aucune feuille n'a été imprimée sous cette référence.");
        return sheet.Sheet;
    }
}

public class SurveySection : ITenantOwned
{
    public const int MaxTitle = 200;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SurveyId { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
}

public class SurveyQuestion : ITenantOwned
{
    public const int MaxText = 500;
    public const int MaxHelp = 1000;
    public const int MaxLabel = 100;
    public const int MaxOptions = 30;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int SurveyId { get; set; }
    public int SectionId { get; set; }
    public int Position { get; set; }
    public SurveyQuestionKind Kind { get; set; }
    public required string Text { get; set; }
    public string? Help { get; set; }
    public bool Required { get; set; }
    /// <summary>Multiple choice: how many options at most (null: all).</summary>
    public int? MaxChoices { get; set; }
    /// <summary>Scale: 1–5 or 0–10, with labelled ends.</summary>
    public int ScaleMin { get; set; } = 1;
    public int ScaleMax { get; set; } = 5;
    public string? LowLabel { get; set; }
    public string? HighLabel { get; set; }
    /// <summary>Shown only when the earlier choice question <see cref="ConditionQuestionId"/> got one of these options.</summary>
    public int? ConditionQuestionId { get; set; }
    public string? ConditionOptionIds { get; set; }

    public bool HasOptions => Kind is SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice
        or SurveyQuestionKind.Ranking or SurveyQuestionKind.Matrix;
    public bool IsText => Kind is SurveyQuestionKind.ShortText or SurveyQuestionKind.LongText;
    public bool CanBeCondition => Kind is SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice;

    public IReadOnlyList<int> ConditionOptions() =>
        string.IsNullOrEmpty(ConditionOptionIds) ? [] :
        [.. ConditionOptionIds.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Whether the question applies, given the options chosen so far for every earlier question.</summary>
    public bool IsShown(IReadOnlyDictionary<int, IReadOnlyCollection<int>> chosen) =>
        ConditionQuestionId is not { } on || (chosen.TryGetValue(on, out var options) && ConditionOptions().Any(options.Contains));

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Text) || Text.Trim().Length > MaxText)
            return "Le texte de la question doit compter de 1 à 500 caractères.";
        if (Help is { Length: > MaxHelp }) return "L'aide dépasse 1000 caractères.";
        if (LowLabel is { Length: > MaxLabel } || HighLabel is { Length: > MaxLabel }) return "Les libellés d'échelle dépassent 100 caractères.";
        if (Kind == SurveyQuestionKind.Scale && (ScaleMin, ScaleMax) is not ((1, 5) or (0, 10)))
            return "Une échelle va de 1 à 5 ou de 0 à 10.";
        if (MaxChoices is < 1) return "Le nombre maximal de choix doit être d'au moins 1.";
        return null;
    }
}

/// <summary>An option of a choice question; for a matrix, <see cref="IsRow"/> marks its rows (the other options are its columns).</summary>
public class SurveyOption : ITenantOwned
{
    public const int MaxText = 200;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int QuestionId { get; set; }
    public int Position { get; set; }
    public bool IsRow { get; set; }
    public required string Text { get; set; }
}

/// <summary>
/// One person's (or one device's, or one paper sheet's) answer to a survey. The verified territory and age bracket are
/// copied at answering time, so results are filtered without reading anyone's verifications.
/// </summary>
public class SurveyResponse : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int SurveyId { get; set; }
    /// <summary>Unique per survey: one answer per person.</summary>
    public Guid? UserId { get; set; }
    /// <summary>Anonymous answers: the SHA-256 of a random cookie, unique per survey (one answer per device).</summary>
    public string? DeviceKey { get; set; }
    public Channel Channel { get; set; }
    /// <summary>A printed kit's sheet, entered once.</summary>
    public int? SheetNumber { get; set; }
    public int? TerritoryId { get; set; }
    public AgeBracket? AgeBracket { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Moved by a conditional update when an answer is changed, so two changes at once cannot both land.</summary>
    public int Version { get; set; }
}

/// <summary>
/// The answers that are counted: one row per chosen option (with the matrix row, or the rank in <see cref="Value"/>), per
/// scale or number value, plus one marker row per answered question (no option, no value) that counts respondents.
/// Carries the response's channel, territory and age so that one GROUP BY over an index makes the results.
/// </summary>
public class SurveyAnswerChoice : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int SurveyId { get; set; }
    public long ResponseId { get; set; }
    public int QuestionId { get; set; }
    public int? OptionId { get; set; }
    public int? RowOptionId { get; set; }
    public int? Value { get; set; }
    public Channel Channel { get; set; }
    public int? TerritoryId { get; set; }
    public AgeBracket? AgeBracket { get; set; }
}

/// <summary>
/// The answer rows of a survey, counted by the database itself as rows are written and removed (triggers on
/// SurveyAnswerChoices, created by the SurveyTallies migration of each provider), so the unfiltered results read a few
/// hundred counters instead of every answer. Spread over <see cref="Shards"/> rows per key so that simultaneous answers
/// do not queue on one row. A key part the answer row leaves empty is stored as <see cref="None"/>.
/// </summary>
public class SurveyTally : ITenantOwned
{
    public const int None = int.MinValue;
    public const int Shards = 16;

    public int OrganizationId { get; set; }
    public int SurveyId { get; set; }
    public int QuestionId { get; set; }
    public int OptionId { get; set; }
    public int RowOptionId { get; set; }
    public int Value { get; set; }
    public Channel Channel { get; set; }
    public int Shard { get; set; }
    public long Count { get; set; }

    public static int? Part(int stored) => stored == None ? null : stored;
}

/// <summary>A written answer (short or long text); staff may hide one from the results.</summary>
public class SurveyTextAnswer : ITenantOwned
{
    public const int MaxShort = 300;
    public const int MaxLong = 5000;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int SurveyId { get; set; }
    public long ResponseId { get; set; }
    public int QuestionId { get; set; }
    public required string Text { get; set; }
    public DateTime? HiddenAt { get; set; }
}
