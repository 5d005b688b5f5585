namespace Parvis.Domain;

public enum CouncilItemStatus { Proposed, Accepted, Declined }

/// <summary>A point a resident asks the council to put on its agenda; the secretary or an animator accepts or declines it, with a reason the author reads.</summary>
public class CouncilAgendaItem : ITenantOwned
{
    public const int MaxTitle = 200;
    public const int MaxBody = 4_000;
    public const int MaxReason = 2_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int CouncilId { get; set; }
    public Guid? AuthorId { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    public CouncilItemStatus Status { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }

    public static CouncilAgendaItem Propose(int councilId, Guid authorId, string? title, string? body, DateTime now)
    {
        var t = title?.Trim();
        if (string.IsNullOrEmpty(t)) throw new DomainException("Donnez un titre au point proposé.");
        if (t.Length > MaxTitle) throw DomainException.WithValues("Le titre dépasse {0} caractères.", MaxTitle);
        var b = body?.Trim() ?? "";
        if (b.Length == 0) throw new DomainException("Expliquez en quelques lignes ce que vous proposez.");
        if (b.Length > MaxBody) throw DomainException.WithValues("L'explication dépasse {0} caractères.", MaxBody);
        return new CouncilAgendaItem { CouncilId = councilId, AuthorId = authorId, Title = t, Body = b, Status = CouncilItemStatus.Proposed, CreatedAt = now };
    }

    /// <summary>Accepted (a reason is optional: the session, the date) or declined (a reason is owed to the author).</summary>
    public void Decide(bool accept, string? reason, Guid deciderId, DateTime now)
    {
        if (Status != CouncilItemStatus.Proposed) throw new DomainException("Ce point a déjà reçu une réponse.");
        var r = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!accept && r is null) throw new DomainException("Indiquez à la personne pourquoi son point n'est pas retenu.");
        if (r is { Length: > MaxReason }) throw DomainException.WithValues("Le motif dépasse {0} caractères.", MaxReason);
        Status = accept ? CouncilItemStatus.Accepted : CouncilItemStatus.Declined;
        Reason = r;
        DecidedAt = now;
        DecidedById = deciderId;
    }
}

public enum MemberVote { For, Against, Abstention }

/// <summary>
/// An opinion (avis) adopted by a council: its text, the vote's result and, where the council publishes it, each
/// member's vote. The institution owes it an official response (the usual workflow and deadline) and may link it to outcomes.
/// </summary>
public class CouncilOpinion : ITenantOwned
{
    public const int MaxTitle = 200;
    public const int MaxText = 20_000;
    public const int MaxVotes = 100_000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int CouncilId { get; set; }
    public required string Title { get; set; }
    public string TextMarkdown { get; set; } = "";
    public DateOnly AdoptedOn { get; set; }
    public int VotesFor { get; set; }
    public int VotesAgainst { get; set; }
    public int Abstentions { get; set; }
    /// <summary>The council publishes how each member voted (the counts are then theirs).</summary>
    public bool PublishesMemberVotes { get; set; }
    /// <summary>When it was published: the official response's deadline runs from here.</summary>
    public DateTime CreatedAt { get; set; }
    public DateTime? FirstAnsweredAt { get; set; }

    /// <summary>
    /// Records an adopted opinion, every rule checked first. With member votes, the counts are those votes and
    /// each vote must be of a member sitting on the day of adoption.
    /// </summary>
    public static CouncilOpinion Adopt(int councilId, string? title, string? text, DateOnly? adoptedOn, DateOnly today,
        int? votesFor, int? votesAgainst, int? abstentions, IReadOnlyDictionary<int, MemberVote>? memberVotes,
        IReadOnlyCollection<CouncilMandate> mandates, DateTime now)
    {
        var t = title?.Trim();
        if (string.IsNullOrEmpty(t)) throw new DomainException("Donnez un titre à l'avis.");
        if (t.Length > MaxTitle) throw DomainException.WithValues("Le titre dépasse {0} caractères.", MaxTitle);
        var body = text?.Trim() ?? "";
        if (body.Length == 0) throw new DomainException("Le texte de l'avis est obligatoire.");
        if (body.Length > MaxText) throw DomainException.WithValues("Le texte de l'avis dépasse {0} caractères.", MaxText);
        if (adoptedOn is not { } day) throw new DomainException("Indiquez la date d'adoption de l'avis.");
        if (day > today) throw new DomainException("La date d'adoption ne peut pas être dans le futur.");
        var opinion = new CouncilOpinion { CouncilId = councilId, Title = t, TextMarkdown = body, AdoptedOn = day, CreatedAt = now };
        if (memberVotes is { Count: > 0 })
        {
            var sitting = mandates.Where(m => m.CouncilId == councilId && m.IsCurrentOn(day)).Select(m => m.Id).ToHashSet();
            if (memberVotes.Keys.Any(id => !sitting.Contains(id)))
                throw new DomainException("Seuls les membres qui siégeaient le jour de l'adoption peuvent avoir voté.");
            opinion.PublishesMemberVotes = true;
            opinion.VotesFor = memberVotes.Values.Count(v => v == MemberVote.For);
            opinion.VotesAgainst = memberVotes.Values.Count(v => v == MemberVote.Against);
            opinion.Abstentions = memberVotes.Values.Count(v => v == MemberVote.Abstention);
        }
        else
        {
            foreach (var count in new[] { votesFor, votesAgainst, abstentions })
                if (count is < 0 or > MaxVotes) throw new DomainException("Les nombres de voix sont des entiers positifs.");
            (opinion.VotesFor, opinion.VotesAgainst, opinion.Abstentions) = (votesFor ?? 0, votesAgainst ?? 0, abstentions ?? 0);
        }
        if (opinion.VotesFor <= opinion.VotesAgainst)
            throw new DomainException("Un avis est adopté quand il recueille plus de voix pour que contre.");
        return opinion;
    }
}

/// <summary>How one member voted an opinion, published where the council publishes its members' votes.</summary>
public class CouncilOpinionVote : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int OpinionId { get; set; }
    public int MandateId { get; set; }
    public MemberVote Vote { get; set; }
}
