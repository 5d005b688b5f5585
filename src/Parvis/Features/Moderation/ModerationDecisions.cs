using Parvis.Domain;

namespace Parvis.Features.Moderation;

public enum Decision
{
    Publish,
    KeepPublished,
    Hide,
    KeepHidden,
    DismissFlags,
}

/// <summary>
/// What the queue offers for an item, from its state and open flags: a published item is kept (its flags closed)
/// or hidden, never "published" again; a hidden one is published again or kept hidden; closing flags is offered only
/// where there are flags.
/// </summary>
public static class ModerationDecisions
{
    public static IReadOnlyList<Decision> For(ModerationState state, int openFlags) => state switch
    {
        ModerationState.Published => [Decision.KeepPublished, Decision.Hide],
        ModerationState.Hidden => [Decision.Publish, Decision.KeepHidden],
        _ => openFlags > 0 ? [Decision.Publish, Decision.Hide, Decision.DismissFlags] : [Decision.Publish, Decision.Hide],
    };

    /// <summary>The page handler carrying the decision: keeping an item as it is closes its flags.</summary>
    public static string Handler(Decision decision) => decision switch
    {
        Decision.Publish => "Restore",
        Decision.Hide => "Hide",
        _ => "Dismiss",
    };
}
