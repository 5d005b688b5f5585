namespace Parvis.Domain;

/// <summary>What a person can follow: anything with a public page.</summary>
public enum FollowSubjectKind { Consultation, Contribution, Proposal, Petition, Project, Territory, Meeting, Council }

/// <summary>What a notification tells; each kind has its own e-mail setting and one-click unsubscribe.</summary>
public enum NotificationKind { OfficialResponse, NewComment, StateChange, PetitionThreshold, NewContribution }

/// <summary>How a kind reaches a person by e-mail; in the site they always see it.</summary>
public enum NotificationDelivery { None, Immediate, Daily, Weekly }

/// <summary>A person following an item; automatic when they contributed to it. One row per person and item.</summary>
public class Follow : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public FollowSubjectKind SubjectKind { get; set; }
    public int SubjectId { get; set; }
    public bool Automatic { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// Something that happened on a followed item, for one person. The item's title and page are copied at the time,
/// so the list never joins eight tables. <see cref="MailAfter"/> set and <see cref="MailedAt"/> null: an e-mail is due.
/// </summary>
public class Notification : ITenantOwned
{
    public const int MaxTitle = 200;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public FollowSubjectKind SubjectKind { get; set; }
    public int SubjectId { get; set; }
    public required string Title { get; set; }
    public required string Path { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public NotificationDelivery Delivery { get; set; }
    public DateTime? MailAfter { get; set; }
    public DateTime? MailedAt { get; set; }

    public static string Shorten(string title) => title.Length <= MaxTitle ? title : title[..(MaxTitle - 1)] + "…";

    /// <summary>When a notification recorded at <paramref name="now"/> goes out: at once, the next morning, next Monday morning.</summary>
    public static DateTime? MailTime(NotificationDelivery delivery, DateTime now) => delivery switch
    {
        NotificationDelivery.Immediate => now,
        NotificationDelivery.Daily => now.Date.AddDays(1).AddHours(DigestHourUtc),
        NotificationDelivery.Weekly => now.Date.AddDays(DaysToNextMonday(now)).AddHours(DigestHourUtc),
        _ => null,
    };

    private static int DaysToNextMonday(DateTime now)
    {
        var days = ((int)DayOfWeek.Monday - (int)now.DayOfWeek + 7) % 7;
        return days == 0 ? 7 : days;
    }

    /// <summary>Six in the morning UTC: seven or eight in Paris, before the day's mail is read.</summary>
    public const int DigestHourUtc = 6;

    /// <summary>What each kind does when the person never chose: what answers them at once, the chatter in a digest.</summary>
    public static NotificationDelivery DefaultDelivery(NotificationKind kind) => kind switch
    {
        NotificationKind.OfficialResponse or NotificationKind.PetitionThreshold => NotificationDelivery.Immediate,
        NotificationKind.NewContribution => NotificationDelivery.Weekly,
        _ => NotificationDelivery.Daily,
    };

    public static string Label(NotificationKind kind) => kind switch
    {
        NotificationKind.OfficialResponse => "Réponse officielle",
        NotificationKind.NewComment => "Nouveau commentaire",
        NotificationKind.StateChange => "Changement d'état",
        NotificationKind.PetitionThreshold => "Seuil de pétition atteint",
        _ => "Nouvelle contribution",
    };

    public static string Label(NotificationDelivery delivery) => delivery switch
    {
        NotificationDelivery.Immediate => "Par e-mail, tout de suite",
        NotificationDelivery.Daily => "Par e-mail, un résumé par jour",
        NotificationDelivery.Weekly => "Par e-mail, un résumé par semaine",
        _ => "Sur le site seulement",
    };
}

/// <summary>A person's choice for one kind of notification; absent, <see cref="Notification.DefaultDelivery"/>.</summary>
public class NotificationPreference : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public NotificationDelivery Delivery { get; set; }
}

/// <summary>A person's other settings: following what they contribute to, and the language of their e-mails.</summary>
public class NotificationSettings : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public bool AutoFollow { get; set; } = true;
    public string Language { get; set; } = "fr";
}
