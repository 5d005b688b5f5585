namespace Parvis.Domain;

/// <summary>Whether a post takes comments, and whether they wait for a moderator before they show.</summary>
public enum NewsComments { Closed, PreModerated, PostModerated }

/// <summary>
/// A post (actualité) written by staff: what the institution tells. It is public from <see cref="PublishAt"/> on, so
/// a post scheduled for tomorrow needs no job: every public query compares that date with now. Null is a draft.
/// Once public, each edit of its text keeps the previous text as a <see cref="NewsPostVersion"/>.
/// </summary>
public class NewsPost : ITenantOwned, ISearchable
{
    public const int MaxTitle = 200;
    public const int MaxSummary = 500;
    public const int MaxBody = 50_000;
    public const int MaxAltText = 200;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public Guid? CoverFileId { get; set; }
    /// <summary>What the cover image shows; required with an image.</summary>
    public string? CoverAltText { get; set; }
    public int? TerritoryId { get; set; }
    public int? ProjectId { get; set; }
    public ProjectTheme? Theme { get; set; }
    public NewsComments Comments { get; set; }
    public DateTime? PublishAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public SearchDocument ToSearchDocument() =>
        new(SearchKind.News, Id, Title, Summary + "\n\n" + BodyMarkdown, TerritoryId, PublishAt ?? CreatedAt);

    public bool IsPublicAt(DateTime now) => PublishAt is { } at && at <= now;
    public bool IsScheduledAt(DateTime now) => PublishAt is { } at && at > now;

    /// <summary>
    /// Sets the post's text and places, checking every rule first. Returns the previous text when the post was already
    /// public and its text changes: the caller keeps it as a version.
    /// </summary>
    public NewsPostVersion? Describe(NewsDescription d, DateTime now)
    {
        var title = d.Title?.Trim();
        if (string.IsNullOrEmpty(title)) throw new DomainException("Le titre est obligatoire.");
        if (title.Length > MaxTitle) throw DomainException.WithValues("Le titre dépasse {0} caractères.", MaxTitle);
        var summary = d.Summary?.Trim() ?? "";
        if (summary.Length > MaxSummary) throw DomainException.WithValues("Le résumé dépasse {0} caractères.", MaxSummary);
        var body = d.BodyMarkdown?.Trim() ?? "";
        if (body.Length > MaxBody) throw DomainException.WithValues("Le texte dépasse {0} caractères.", MaxBody);
        if (d.Theme is { } theme && !Enum.IsDefined(theme)) throw new DomainException("Choisissez un thème.");
        if (!Enum.IsDefined(d.Comments)) throw new DomainException("Choisissez si l'actualité reçoit des commentaires.");

        var changed = Title != title || Summary != summary || BodyMarkdown != body;
        var previous = IsPublicAt(now) && changed
            ? new NewsPostVersion { NewsPostId = Id, Title = Title, Summary = Summary, BodyMarkdown = BodyMarkdown, SavedAt = UpdatedAt }
            : null;
        Title = title;
        Summary = summary;
        BodyMarkdown = body;
        TerritoryId = d.TerritoryId;
        ProjectId = d.ProjectId;
        Theme = d.Theme;
        Comments = d.Comments;
        if (CreatedAt == default) CreatedAt = now;
        UpdatedAt = now;
        return previous;
    }

    /// <summary>Sets or removes the cover image; an image always comes with what it shows.</summary>
    public void SetCover(Guid? fileId, string? altText)
    {
        if (fileId is null)
        {
            (CoverFileId, CoverAltText) = (null, null);
            return;
        }
        CoverAltText = CheckAltText(altText);
        CoverFileId = fileId;
    }

    public static string CheckAltText(string? altText)
    {
        var text = altText?.Trim();
        if (string.IsNullOrEmpty(text))
            throw new DomainException("Décrivez ce que montre l'image (texte alternatif) : il est obligatoire.");
        if (text.Length > MaxAltText) throw DomainException.WithValues("Le texte alternatif dépasse {0} caractères.", MaxAltText);
        return text;
    }

    /// <summary>Publishes now, or at a later date (the post stays unseen until then).</summary>
    public void Schedule(DateTime at, DateTime now)
    {
        if (at < new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) || at > now.AddYears(5))
            throw new DomainException("La date de publication est hors des dates possibles.");
        PublishAt = at;
        UpdatedAt = now;
    }

    public void Unpublish(DateTime now)
    {
        if (PublishAt is null) throw new DomainException("Cette actualité n'est pas publiée.");
        PublishAt = null;
        UpdatedAt = now;
    }
}

/// <summary>The fields staff fill in for a post, checked together by <see cref="NewsPost.Describe"/>.</summary>
public sealed record NewsDescription(string? Title, string? Summary, string? BodyMarkdown, int? TerritoryId, int? ProjectId,
    ProjectTheme? Theme, NewsComments Comments);

/// <summary>The text a public post had before an edit, kept for staff.</summary>
public class NewsPostVersion : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int NewsPostId { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    /// <summary>When this text was saved (it stayed public until the next edit).</summary>
    public DateTime SavedAt { get; set; }
    /// <summary>When it was replaced, and by whom.</summary>
    public DateTime ReplacedAt { get; set; }
    public Guid? ReplacedBy { get; set; }
}

/// <summary>A comment on a post: signed in, moderated before or after it shows, as the post says.</summary>
public class NewsComment : ModeratedItem, ITenantOwned
{
    public const int MaxBody = 5_000;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int NewsPostId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }

    public static NewsComment Write(NewsPost post, Guid author, string? body, DateTime now)
    {
        if (post.Comments == NewsComments.Closed || !post.IsPublicAt(now))
            throw new DomainException("Cette actualité ne reçoit pas de commentaires.");
        var text = body?.Trim();
        if (string.IsNullOrEmpty(text)) throw new DomainException("Le commentaire est vide.");
        if (text.Length > MaxBody) throw DomainException.WithValues("Le commentaire dépasse {0} caractères.", MaxBody);
        var premoderated = post.Comments == NewsComments.PreModerated;
        return new NewsComment
        {
            NewsPostId = post.Id,
            AuthorId = author,
            Body = text,
            CreatedAt = now,
            State = premoderated ? ModerationState.PendingReview : ModerationState.Published,
            ModerationReason = premoderated ? PendingReason : null,
        };
    }
}

/// <summary>What the home page can show, in the order an administrator picks.</summary>
public enum HomeBlockKind { News, OpenConsultations, QuickQuestion, Projects, Figures }

/// <summary>One block of an organization's home page: its place and whether it shows. No row: the default order.</summary>
public class HomeBlock : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public HomeBlockKind Kind { get; set; }
    public int Position { get; set; }
    public bool Visible { get; set; } = true;

    /// <summary>A new organization's front page: news first, then what is open, the quick question, projects, figures.</summary>
    public static IReadOnlyList<HomeBlockKind> DefaultOrder { get; } =
        [HomeBlockKind.News, HomeBlockKind.OpenConsultations, HomeBlockKind.QuickQuestion, HomeBlockKind.Projects, HomeBlockKind.Figures];

    /// <summary>The blocks in their order, the saved ones first and any kind not saved yet after them, visible.</summary>
    public static List<(HomeBlockKind Kind, bool Visible)> Arrange(IEnumerable<HomeBlock> saved)
    {
        var rows = saved.Where(b => Enum.IsDefined(b.Kind)).OrderBy(b => b.Position).ThenBy(b => b.Kind).ToList();
        var result = rows.Select(b => (b.Kind, b.Visible)).DistinctBy(b => b.Kind).ToList();
        result.AddRange(DefaultOrder.Where(k => result.All(r => r.Kind != k)).Select(k => (k, true)));
        return result;
    }
}
