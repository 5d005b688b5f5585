namespace Parvis.Domain;

public enum Channel { Online, PaperRegister, Meeting, Mail, Phone, Oral }

/// <summary>AwaitingEmail: posted without an account where the space asks for a confirmed e-mail; nobody sees it before the link is followed.</summary>
public enum ModerationState { Published, PendingReview, Hidden, AwaitingEmail }

/// <summary>What moderation decides about a contribution or a comment: visible, awaiting review, or hidden.</summary>
public abstract class ModeratedItem
{
    public const string PendingReason = "En attente de validation par la modération.";
    public const string AutoHiddenReason = "Masquée automatiquement après signalements, en attente de modération.";

    /// <summary>A published item is hidden pending review once its open flags reach the organization's threshold.</summary>
    public static bool HidesAt(int openFlags, int threshold) => openFlags >= threshold;

    public ModerationState State { get; set; }
    public string? ModerationReason { get; set; }
    public int OpenFlagCount { get; set; }

    public bool IsVisible => State == ModerationState.Published;

    /// <summary>Pre-moderated and never published yet (not hidden after flags): publishing it is its first appearance.</summary>
    public bool AwaitsFirstReview => State == ModerationState.PendingReview && ModerationReason == PendingReason;

    public void Hide(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Indiquez le motif du masquage.");
        State = ModerationState.Hidden;
        ModerationReason = reason.Trim();
        OpenFlagCount = 0;
    }

    /// <summary>Publishes a pre-moderated item or puts back a hidden one.</summary>
    public void Restore()
    {
        if (State == ModerationState.AwaitingEmail)
            throw new DomainException("Cette contribution attend la confirmation de l'adresse e-mail de son auteur : elle ne peut pas être publiée.");
        State = ModerationState.Published;
        ModerationReason = null;
        OpenFlagCount = 0;
    }
}

public enum ReactionKind { Agree, Disagree }

public enum Stance { For, Neutral, Against }

public class Contribution : ModeratedItem, ITenantOwned, ISearchable
{
    public const int MaxTitle = 200;
    public const int MaxBody = 10_000;
    public const int MaxReceivedPlace = 200;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ConsultationId { get; set; }
    public Consultation? Consultation { get; set; }
    public int? QuestionId { get; set; }
    /// <summary>The meeting or exhibition where it was collected on site (channel "réunion").</summary>
    public int? MeetingId { get; set; }
    public int TerritoryId { get; set; }
    /// <summary>Null for an anonymous contribution or one entered for a person without an account.</summary>
    public Guid? AuthorId { get; set; }
    /// <summary>The name given on paper, at a meeting or by phone, when an agent entered the contribution.</summary>
    public string? OfflineAuthorName { get; set; }
    public Guid? EnteredById { get; set; }
    public string? Title { get; set; }
    public required string Body { get; set; }
    public Channel Channel { get; set; }
    /// <summary>The printed kit's sheet this was written on (its number within the consultation), when entered from one.</summary>
    public int? PaperSheet { get; set; }
    /// <summary>Public inquiry register number; null in other frames.</summary>
    public int? RegisterNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When a contribution entered by an agent was received (UTC); a register is dated at receipt, not at typing.</summary>
    public DateTime? ReceivedAt { get; set; }
    /// <summary>Where it was received (a town hall's register, a meeting room), as the agent wrote it.</summary>
    public string? ReceivedPlace { get; set; }
    public int AgreeCount { get; set; }
    public int DisagreeCount { get; set; }
    public int CommentCount { get; set; }
    public DateTime? FirstAnsweredAt { get; set; }
    /// <summary>The identity the author picked for this contribution; null: the space's default.</summary>
    public DisplayIdentity? DisplayAs { get; set; }
    /// <summary>The verified attributes the author chose to show beside their name.</summary>
    public BadgeChoices Badges { get; set; }
    /// <summary>The e-mail given by an author without an account; private, purged by the retention job.</summary>
    public string? ContactEmail { get; set; }

    public SearchDocument ToSearchDocument() => new(SearchKind.Contribution, Id, Title ?? "", Body, TerritoryId, CreatedAt);

    /// <summary>The author without an account followed the link: the contribution counts, after moderation where the space asks.</summary>
    public void ConfirmEmail(bool preModeration)
    {
        if (State != ModerationState.AwaitingEmail) return;
        State = preModeration ? ModerationState.PendingReview : ModerationState.Published;
        ModerationReason = preModeration ? PendingReason : null;
    }

    /// <summary>
    /// Dates and places what an agent received. Without a date it was received when entered; a date can be neither
    /// in the future nor before the contributions opened (<paramref name="toLocal"/> words the limit in local time).
    /// </summary>
    public void RecordReceipt(DateTime? receivedAtUtc, string? place, DateTime now, DateTime opensAt, Func<DateTime, DateTime> toLocal)
    {
        if (receivedAtUtc > now) throw new DomainException("La date de réception ne peut pas être dans le futur.");
        if (receivedAtUtc < opensAt)
            throw DomainException.WithValues("La date de réception ne peut pas précéder l'ouverture des contributions, le {0:dd/MM/yyyy à HH:mm}.", toLocal(opensAt));
        var trimmed = string.IsNullOrWhiteSpace(place) ? null : place.Trim();
        if (trimmed is { Length: > MaxReceivedPlace }) throw new DomainException($"Le lieu de réception dépasse {MaxReceivedPlace} caractères.");
        ReceivedAt = receivedAtUtc ?? now;
        ReceivedPlace = trimmed;
    }

    public static string? Validate(string? title, string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "Écrivez votre contribution : le texte est vide.";
        if (body.Length > MaxBody) return $"Votre contribution dépasse {MaxBody} caractères.";
        if (title is not null && title.Length > MaxTitle) return $"Le titre dépasse {MaxTitle} caractères.";
        return null;
    }

    /// <summary>How the agree / disagree counts move when a person's reaction goes from one state to another.</summary>
    public static (int Agree, int Disagree) ReactionDelta(ReactionKind? previous, ReactionKind? next) =>
        ((next == ReactionKind.Agree ? 1 : 0) - (previous == ReactionKind.Agree ? 1 : 0),
         (next == ReactionKind.Disagree ? 1 : 0) - (previous == ReactionKind.Disagree ? 1 : 0));

}

public class Reaction : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ContributionId { get; set; }
    public Guid UserId { get; set; }
    public ReactionKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class Comment : ModeratedItem, ITenantOwned, ISearchable
{
    public const int MaxDepth = 3;
    public const int MaxBody = 5_000;
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ContributionId { get; set; }
    public long? ParentId { get; set; }
    /// <summary>1 for a comment on the contribution, up to <see cref="MaxDepth"/>.</summary>
    public int Depth { get; set; } = 1;
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public Stance Stance { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    public SearchDocument ToSearchDocument() => new(SearchKind.Comment, Id, "", Body, null, CreatedAt);

    public static string? Validate(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "Le commentaire est vide.";
        if (body.Length > MaxBody) return $"Le commentaire dépasse {MaxBody} caractères.";
        return null;
    }

    public static int DepthUnder(Comment? parent)
    {
        if (parent is null) return 1;
        if (parent.Depth >= MaxDepth) throw new DomainException("On ne peut pas répondre plus loin dans ce fil : répondez au commentaire précédent.");
        return parent.Depth + 1;
    }

    public void Edit(Guid by, string body, DateTime now)
    {
        if (by != AuthorId) throw new DomainException("Seul l'auteur peut modifier ce commentaire.");
        if (DeletedAt is not null) throw new DomainException("Ce commentaire a été supprimé.");
        if (now - CreatedAt > EditWindow) throw new DomainException("Un commentaire ne peut être modifié que dans les 15 minutes qui suivent sa publication.");
        Body = body.Trim();
        EditedAt = now;
    }

    public void SoftDelete(Guid by, DateTime now)
    {
        if (by != AuthorId) throw new DomainException("Seul l'auteur peut supprimer ce commentaire.");
        DeletedAt ??= now;
    }
}

public class CommentFlag : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public long CommentId { get; set; }
    public Guid UserId { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}

public class Flag : ITenantOwned
{
    public const int MaxReason = 1_000;
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int ContributionId { get; set; }
    public Guid UserId { get; set; }
    public required string Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
