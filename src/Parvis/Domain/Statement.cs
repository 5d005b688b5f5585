namespace Parvis.Domain;

public enum StatementVoteKind { Agree, Disagree, Pass }

/// <summary>
/// The rules of a statements question: its statements are contributions (so moderation, flags and pre-moderation are
/// those of every contribution), short; the institution's are entered by staff, participants' are submitted.
/// </summary>
public static class Statement
{
    public const int MaxLength = 280;

    /// <summary>Below this many members a group is not described: its representative statements would say how a few
    /// identifiable people voted. Five, as a town's small group of neighbours could otherwise be recognised.</summary>
    public const int MinGroupShown = 5;

    public static string Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("Écrivez l'énoncé : le texte est vide.");
        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength) throw DomainException.WithValues("Un énoncé tient en {0} caractères au plus.", MaxLength);
        return trimmed;
    }

    public static void EnsureStatements(Question question)
    {
        if (question.Kind != ConsultationQuestionKind.Statements) throw new DomainException("Cette question ne prend pas d'énoncés.");
    }

    /// <summary>The value the opinion map reads: +1 agree, -1 disagree, 0 pass.</summary>
    public static int ValueOf(StatementVoteKind kind) => kind switch
    {
        StatementVoteKind.Agree => 1,
        StatementVoteKind.Disagree => -1,
        _ => 0,
    };

    /// <summary>An institution's statement is entered by staff online; participants' carry their author.</summary>
    public static bool IsInstitutions(Contribution statement) => statement.EnteredById is not null && statement.Channel == Channel.Online;
}

/// <summary>One person's vote on one statement; (ContributionId, UserId) is unique, a new choice replaces the old.</summary>
public class StatementVote : ITenantOwned
{
    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public int QuestionId { get; set; }
    public int ContributionId { get; set; }
    public Guid UserId { get; set; }
    public StatementVoteKind Kind { get; set; }
    public DateTime VotedAt { get; set; }
}

/// <summary>The last opinion map computed for a statements question (one row per question), as JSON.</summary>
public class OpinionMapSnapshot : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int QuestionId { get; set; }
    public DateTime ComputedAt { get; set; }
    public int Participants { get; set; }
    public int Votes { get; set; }
    public required string Json { get; set; }
}
