namespace Parvis.Domain;

public enum LegalFrame { Voluntary, PriorConcertation, PublicInquiry }

public enum ConsultationPhase { Draft, Upcoming, Information, Contributions, Synthesis, Closed }

/// <summary>A concertation on a project: phases, questions, contributions, closing report.</summary>
public class Consultation : ITenantOwned, IParticipationSpace, IServiceOwned, ISearchable
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    public string? ProjectName { get; set; }
    /// <summary>The service that carries the consultation: its agents manage it beside the administrators.</summary>
    public string? ServiceName { get; set; }
    public LegalFrame LegalFrame { get; set; }
    /// <summary>For a concertation préalable (L103-2): the objectives and modalities, published.</summary>
    public string? ObjectivesMarkdown { get; set; }
    public ParticipationRules Rules { get; set; } = new();
    public ActionRequirement RequirementFor(ParticipationAction action) => Rules.RequirementFor(action);

    public DateTime? PublishedAt { get; set; }
    public DateTime InformationStartsAt { get; set; }
    public DateTime ContributionsStartAt { get; set; }
    public DateTime SynthesisStartsAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    public string? ClosingReportMarkdown { get; set; }
    public DateTime? ClosingReportPublishedAt { get; set; }

    /// <summary>Numbering of the public-inquiry register; kept here so two observations never share a number.</summary>
    public int LastRegisterNumber { get; set; }
    /// <summary>Sheets of the printed kit handed out so far: each print numbers its sheets after these.</summary>
    public int PaperSheetsPrinted { get; set; }
    public List<Question> Questions { get; set; } = [];

    public SearchDocument ToSearchDocument() =>
        new(SearchKind.Consultation, Id, Title, Summary + "\n\n" + BodyMarkdown, TerritoryId, PublishedAt ?? InformationStartsAt);

    public ConsultationPhase PhaseAt(DateTime now)
    {
        if (PublishedAt is null) return ConsultationPhase.Draft;
        if (ClosedAt is not null) return ConsultationPhase.Closed;
        if (now < InformationStartsAt) return ConsultationPhase.Upcoming;
        if (now < ContributionsStartAt) return ConsultationPhase.Information;
        if (now < SynthesisStartsAt) return ConsultationPhase.Contributions;
        return ConsultationPhase.Synthesis;
    }

    public static string? ValidateSchedule(DateTime information, DateTime contributions, DateTime synthesis) =>
        information <= contributions && contributions < synthesis
            ? null
            : "Les dates doivent se suivre : information, puis contributions, puis synthèse.";

    public void Publish(DateTime now)
    {
        if (PublishedAt is not null) throw new DomainException("Cette concertation est déjà publiée.");
        if (LegalFrame == LegalFrame.PriorConcertation && string.IsNullOrWhiteSpace(ObjectivesMarkdown))
            throw new DomainException("Une concertation préalable (art. L103-2 du code de l'urbanisme) doit publier ses objectifs et ses modalités.");
        PublishedAt = now;
    }

    /// <summary>The phase decides what may be done, whatever the view shows.</summary>
    /// <param name="toLocal">Shows dates in the organization's time zone (times are stored in UTC).</param>
    public void EnsureOpenFor(ParticipationAction action, DateTime now, Func<DateTime, DateTime>? toLocal = null)
    {
        if (RefusalFor(action, now, toLocal) is { } refusal) throw refusal;
    }

    /// <summary>Why the phase refuses the action now, or null: for a page that shows it instead of a form.</summary>
    public DomainException? RefusalFor(ParticipationAction action, DateTime now, Func<DateTime, DateTime>? toLocal = null)
    {
        var phase = PhaseAt(now);
        var open = action switch
        {
            ParticipationAction.Contribute => phase == ConsultationPhase.Contributions,
            ParticipationAction.React or ParticipationAction.Comment => phase == ConsultationPhase.Contributions,
            _ => phase is ConsultationPhase.Contributions or ConsultationPhase.Synthesis or ConsultationPhase.Closed,
        };
        if (open) return null;
        return phase switch
        {
            ConsultationPhase.Draft or ConsultationPhase.Upcoming or ConsultationPhase.Information =>
                DomainException.WithValues("Les contributions ouvrent le {0:dd/MM/yyyy} : il n'est pas encore possible de participer.", toLocal?.Invoke(ContributionsStartAt) ?? ContributionsStartAt),
            _ => new DomainException("La phase de contributions est terminée : il n'est plus possible de participer."),
        };
    }

    public int NextRegisterNumber() => ++LastRegisterNumber;

    public const int MaxSheetsPerPrint = 500;

    /// <summary>Numbers the next <paramref name="count"/> sheets of the printed kit: no two sheets share a reference.</summary>
    public IReadOnlyList<PaperSheetReference> PrintPaperSheets(int count)
    {
        if (PublishedAt is null || ClosedAt is not null)
            throw new DomainException("Le kit papier s'imprime pour une concertation publiée et pas encore close.");
        if (count is < 1 or > MaxSheetsPerPrint)
            throw DomainException.WithValues("Imprimez entre 1 et {0} feuilles à la fois.", MaxSheetsPerPrint);
        if (PaperSheetsPrinted + count > PaperSheetReference.MaxSheet)
            throw new DomainException("Cette concertation a atteint le nombre maximal de feuilles imprimées.");
        var first = PaperSheetsPrinted + 1;
        PaperSheetsPrinted += count;
        return [.. Enumerable.Range(first, count).Select(n => new PaperSheetReference(PaperKitKind.Consultation, Id, n))];
    }

    /// <summary>The sheet an agent is entering really is one of this consultation's printed sheets.</summary>
    public int SheetOf(string? reference)
    {
        if (!PaperSheetReference.TryParse(reference, out var sheet))
            throw new DomainException("Cette référence de feuille n'est pas valide : vérifiez-la sur la feuille (exemple : C12-0042-K).");
        if (sheet.Kind != PaperKitKind.Consultation || sheet.SubjectId != Id)
            throw new DomainException("Cette feuille appartient à une autre consultation.");
        if (sheet.Sheet > PaperSheetsPrinted)
            throw new DomainException("Aucune feuille n'a été imprimée sous cette référence.");
        return sheet.Sheet;
    }

    /// <summary>The legal frame is chosen before publishing; once published, its obligations stay met.</summary>
    public void SetFrame(LegalFrame frame, string? objectivesMarkdown)
    {
        if (PublishedAt is not null && frame != LegalFrame)
            throw new DomainException("Le cadre juridique d'une concertation publiée ne peut plus changer.");
        if (PublishedAt is not null && frame == LegalFrame.PriorConcertation && string.IsNullOrWhiteSpace(objectivesMarkdown))
            throw new DomainException("Une concertation préalable (art. L103-2 du code de l'urbanisme) doit publier ses objectifs et ses modalités.");
        LegalFrame = frame;
        ObjectivesMarkdown = string.IsNullOrWhiteSpace(objectivesMarkdown) ? null : objectivesMarkdown;
    }

    public void Close(string? reportMarkdown, DateTime now)
    {
        if (ClosedAt is not null) throw new DomainException("Cette concertation est déjà close.");
        if (PhaseAt(now) is ConsultationPhase.Draft)
            throw new DomainException("Une concertation non publiée ne peut pas être close.");
        var hasReport = !string.IsNullOrWhiteSpace(reportMarkdown);
        if (LegalFrame == LegalFrame.PriorConcertation && !hasReport)
            throw new DomainException("Une concertation préalable ne peut être close sans son bilan publié.");
        if (LegalFrame == LegalFrame.PublicInquiry && !hasReport)
            throw new DomainException("Une enquête publique se clôt avec le rapport du commissaire enquêteur.");
        if (hasReport)
        {
            ClosingReportMarkdown = reportMarkdown!.Trim();
            ClosingReportPublishedAt = now;
        }
        ClosedAt = now;
        if (SynthesisStartsAt > now) SynthesisStartsAt = now;
        if (ContributionsStartAt > now) ContributionsStartAt = now;
        if (InformationStartsAt > now) InformationStartsAt = now;
    }
}

/// <summary>An open question takes written answers; a statements question takes short statements people vote on.</summary>
public enum ConsultationQuestionKind { Open, Statements }

/// <summary>
/// An open question the institution asks; answers are contributions. A statements question's contributions are
/// its statements (Domain/Statement.cs), voted on one at a time and mapped into opinion groups.
/// </summary>
public class Question : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int ConsultationId { get; set; }
    public required string Text { get; set; }
    public int Position { get; set; }
    public ConsultationQuestionKind Kind { get; set; }
    /// <summary>A vote or a moderation decision since the opinion map was last computed: the job computes it again.</summary>
    public DateTime? MapStaleSince { get; set; }
}
