namespace Parvis.Domain;

/// <summary>What a person does in a space; each action picks its level in the space's rules.</summary>
public enum ParticipationAction { Contribute, React, Comment, Flag }

/// <summary>
/// How much a space asks of a person before an action. Verified levels (resident, elector, age)
/// are added after these; order matters: a higher value asks more.
/// </summary>
public enum ParticipationLevel { Anyone = 0, ConfirmedAccount = 10 }

/// <summary>How authors are shown in a space.</summary>
public enum DisplayIdentity { Pseudonym, PartialName, FullName }

public class ParticipationRules
{
    public ParticipationLevel Contribute { get; set; } = ParticipationLevel.ConfirmedAccount;
    public ParticipationLevel React { get; set; } = ParticipationLevel.ConfirmedAccount;
    public ParticipationLevel Comment { get; set; } = ParticipationLevel.ConfirmedAccount;
    public DisplayIdentity DisplayIdentity { get; set; } = DisplayIdentity.Pseudonym;
    /// <summary>Nothing posted appears before a moderator accepts it.</summary>
    public bool PreModeration { get; set; }

    public ParticipationLevel LevelFor(ParticipationAction action) => action switch
    {
        ParticipationAction.Contribute => Contribute,
        ParticipationAction.React => React,
        ParticipationAction.Comment => Comment,
        // Flags always need an account: they are counted per person.
        _ => ParticipationLevel.ConfirmedAccount,
    };
}

public static class AuthorName
{
    public static string Format(DisplayIdentity mode, string pseudonym, string? firstName, string? lastName)
    {
        var hasName = !string.IsNullOrWhiteSpace(firstName) && !string.IsNullOrWhiteSpace(lastName);
        return mode switch
        {
            DisplayIdentity.FullName when hasName => $"{firstName!.Trim()} {lastName!.Trim()}",
            DisplayIdentity.PartialName when hasName => $"{firstName!.Trim()} {char.ToUpperInvariant(lastName!.Trim()[0])}.",
            _ => pseudonym,
        };
    }
}
