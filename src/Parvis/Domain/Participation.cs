namespace Parvis.Domain;

/// <summary>
/// What a person does in a space; each action picks its level in the space's rules. Consultations use
/// Contribute, React and Comment; Sign, Propose, Vote and RegisterToMeeting belong to the spaces that
/// carry them (petitions, proposals, votes, meetings) and use the same rules and checks; Apply is a candidacy to a council.
/// </summary>
public enum ParticipationAction { Contribute, React, Comment, Flag, Sign, Propose, Vote, RegisterToMeeting, Apply }

/// <summary>
/// How much a space asks of a person before an action. Order matters: a higher value asks more.
/// A minimum age, when the space sets one, is asked on top of the level.
/// </summary>
public enum ParticipationLevel
{
    /// <summary>No account, no e-mail: the item shows "Anonyme".</summary>
    Anyone = 0,
    /// <summary>No account, but an e-mail address confirmed by a link before the item counts; kept private.</summary>
    AnyoneWithConfirmedEmail = 5,
    ConfirmedAccount = 10,
    /// <summary>An account verified as living in the space's territory, or in a territory under it.</summary>
    VerifiedResident = 20,
    /// <summary>An account verified as an elector of the organization.</summary>
    VerifiedElector = 30,
}

/// <summary>How an author is shown: a pseudonym, "Arnaud R.", the full name, or "Anonyme".</summary>
public enum DisplayIdentity { Pseudonym, PartialName, FullName, Anonymous }

/// <summary>The display identities a space lets its participants choose from.</summary>
[Flags]
public enum DisplayChoices
{
    None = 0,
    Pseudonym = 1,
    PartialName = 2,
    FullName = 4,
    Anonymous = 8,
}

/// <summary>Which verified attributes a person shows beside their name on one item.</summary>
[Flags]
public enum BadgeChoices
{
    None = 0,
    Residence = 1,
    Elector = 2,
    Age = 4,
}

public sealed record ActionRequirement(ParticipationLevel Level, int? MinimumAge)
{
    /// <summary>Can this be done without an account at all?</summary>
    public bool AllowsAnonymous => Level <= ParticipationLevel.AnyoneWithConfirmedEmail && MinimumAge is null;
    public bool NeedsVerification => Level >= ParticipationLevel.VerifiedResident || MinimumAge is not null;
}

/// <summary>
/// A place where people act (a consultation, a proposals space, a petition): what each action
/// requires, and the territory whose verified residents count as its residents.
/// The one check is <c>ParticipationHandler</c>, resource-based on this interface.
/// </summary>
public interface IParticipationSpace
{
    int TerritoryId { get; }
    ActionRequirement RequirementFor(ParticipationAction action);
}

public class ParticipationRules
{
    /// <summary>The minimum ages an action may ask for (16: many participatory budgets; 18: majority).</summary>
    public static readonly int[] MinimumAges = [16, 18];

    public ParticipationLevel Contribute { get; set; } = ParticipationLevel.ConfirmedAccount;
    public ParticipationLevel React { get; set; } = ParticipationLevel.ConfirmedAccount;
    public ParticipationLevel Comment { get; set; } = ParticipationLevel.ConfirmedAccount;
    public int? ContributeMinimumAge { get; set; }
    public int? ReactMinimumAge { get; set; }
    public int? CommentMinimumAge { get; set; }

    /// <summary>The identity shown by default; always one of <see cref="AllowedDisplays"/>.</summary>
    public DisplayIdentity DisplayIdentity { get; set; } = DisplayIdentity.Pseudonym;
    /// <summary>What a participant may pick from, per contribution.</summary>
    public DisplayChoices AllowedDisplays { get; set; } = DisplayChoices.Pseudonym;
    /// <summary>Nothing posted appears before a moderator accepts it.</summary>
    public bool PreModeration { get; set; }

    public ActionRequirement RequirementFor(ParticipationAction action) => action switch
    {
        ParticipationAction.Contribute => new(Contribute, ContributeMinimumAge),
        // Reactions and comments are counted per person: never below an account.
        ParticipationAction.React => new(Max(React, ParticipationLevel.ConfirmedAccount), ReactMinimumAge),
        ParticipationAction.Comment => new(Max(Comment, ParticipationLevel.ConfirmedAccount), CommentMinimumAge),
        // Flags always need an account: they are counted per person.
        _ => new(ParticipationLevel.ConfirmedAccount, null),
    };

    public ParticipationLevel LevelFor(ParticipationAction action) => RequirementFor(action).Level;

    public static DisplayChoices ChoiceOf(DisplayIdentity identity) => identity switch
    {
        DisplayIdentity.PartialName => DisplayChoices.PartialName,
        DisplayIdentity.FullName => DisplayChoices.FullName,
        DisplayIdentity.Anonymous => DisplayChoices.Anonymous,
        _ => DisplayChoices.Pseudonym,
    };

    public bool Allows(DisplayIdentity identity) => (AllowedDisplays & ChoiceOf(identity)) != 0;

    public IEnumerable<DisplayIdentity> AllowedDisplayList() =>
        Enum.GetValues<DisplayIdentity>().Where(Allows);

    /// <summary>The identity a participant asked for, if the space allows it; otherwise the space's default.</summary>
    public DisplayIdentity Resolve(DisplayIdentity? asked) =>
        asked is { } a && Allows(a) ? a : DisplayIdentity;

    /// <summary>Checks the admin's choices: at least one display, the default among them, ages from the list.</summary>
    public string? Validate()
    {
        if (AllowedDisplays == DisplayChoices.None) return "Autorisez au moins un affichage des auteurs.";
        if (!Allows(DisplayIdentity)) return "L'affichage par défaut doit faire partie des affichages autorisés.";
        foreach (var age in new[] { ContributeMinimumAge, ReactMinimumAge, CommentMinimumAge })
            if (age is { } a && !MinimumAges.Contains(a)) return "Choisissez un âge minimum de 16 ou 18 ans.";
        return null;
    }

    private static ParticipationLevel Max(ParticipationLevel a, ParticipationLevel b) => a > b ? a : b;
}

public static class AuthorName
{
    public const string Anonymous = "Anonyme";
    public const string Deleted = "Participant supprimé";

    public static string Format(DisplayIdentity mode, string pseudonym, string? firstName, string? lastName)
    {
        var hasName = !string.IsNullOrWhiteSpace(firstName) && !string.IsNullOrWhiteSpace(lastName);
        return mode switch
        {
            DisplayIdentity.Anonymous => Anonymous,
            DisplayIdentity.FullName when hasName => $"{firstName!.Trim()} {lastName!.Trim()}",
            DisplayIdentity.PartialName when hasName => $"{firstName!.Trim()} {char.ToUpperInvariant(lastName!.Trim()[0])}.",
            _ => pseudonym,
        };
    }

    /// <summary>Search engines are kept away from everything that is not a pseudonym.</summary>
    public static bool KeepOutOfSearchEngines(DisplayIdentity mode) => mode != DisplayIdentity.Pseudonym;
}
