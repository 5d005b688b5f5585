using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Consultations;

[RateLimited(RateLimits.Posting)]
public class DetailsModel(ParvisDbContext db, ConsultationQueries queries, ParticipationCommands commands, IAuthorizationService authorization, TimeProvider clock, ConsultationHeaders headers,
    Identity.Verifications verifications, Infrastructure.Tenancy.TenantContext tenant, Meetings.MeetingQueries meetings) : PageModel, IRedisplaysBrokenRules
{
    public Consultation Consultation { get; private set; } = null!;
    /// <summary>The consultation's meetings, workshops and exhibitions, in time order.</summary>
    public List<Meetings.MeetingCard> Meetings { get; private set; } = [];
    public ConsultationPhase Phase { get; private set; }
    public IReadOnlyList<ContributionRow> Contributions { get; private set; } = [];
    public int Total { get; private set; }
    /// <summary>Where the pages before and after this one start (null: none); position of its first row when known.</summary>
    public ListCursor? PreviousCursor { get; private set; }
    public ListCursor? NextCursor { get; private set; }
    public int? FirstPosition { get; private set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public bool CanContribute { get; private set; }
    /// <summary>Why the person cannot contribute now; the view translates it.</summary>
    public DomainException? ContributeBlocked { get; private set; }
    /// <summary>What the space asks that the person lacks (an account, a verified attribute), and the ways to get it.</summary>
    public Identity.ParticipationNeeds? ContributeNeeds { get; private set; }
    /// <summary>The signed-in person's verified attributes, offered as badges on the form.</summary>
    public VerifiedAttributes MyAttributes { get; private set; } = VerifiedAttributes.None;
    public Dictionary<int, string> TerritoryNames { get; private set; } = [];
    /// <summary>Posting without an account here needs an e-mail address, confirmed by a link.</summary>
    public bool AsksEmail => User.Identity?.IsAuthenticated != true && Consultation.Rules.Contribute == ParticipationLevel.AnyoneWithConfirmedEmail;
    public bool IsAgent { get; private set; }
    public bool CanManage { get; private set; }
    public Files.FileView? Cover { get; private set; }
    public List<Files.FileView> Dossier { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "tri")] public ContributionSort Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "territoire")] public int? TerritoryFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "question")] public int? QuestionFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "reponse")] public bool? AnsweredFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "graine")] public int Seed { get; set; }
    [BindProperty(SupportsGet = true, Name = "apres")] public string? After { get; set; }
    [BindProperty(SupportsGet = true, Name = "avant")] public string? Before { get; set; }
    /// <summary>The printed sheet an agent came to enter (from the paper entry page), kept between its answers.</summary>
    [BindProperty(SupportsGet = true, Name = "feuille")] public string? Sheet { get; set; }

    [BindProperty] public ContributeInput Input { get; set; } = new(null, null, null, null);
    [BindProperty] public OfflineInput Offline { get; set; } = new(null, null, Channel.PaperRegister, null);

    /// <summary>The list was counted up to <see cref="CountedUpTo"/> and holds more.</summary>
    public bool TotalIsBounded => Total > CountedUpTo;
    public int CountedUpTo => ConsultationQueries.CountLimitFor(FirstPosition is null ? 1 : PageNumber);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadConsultationAsync(id, shared: true) || !await LoadPageAsync()) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostContributeAsync(int id, IFormFile? attachment)
    {
        ModelState.Clear();
        if (!await LoadConsultationAsync(id)) return NotFound();
        var contribution = await commands.ContributeAsync(User, Consultation, Input, attachment);
        TempData["Message"] = contribution.State switch
        {
            ModerationState.Published => "Merci, votre contribution est publiée.",
            ModerationState.AwaitingEmail => "Merci : un lien vous a été envoyé par e-mail. Votre contribution sera publiée quand vous l'aurez ouvert.",
            _ => "Merci, votre contribution sera publiée après validation par la modération.",
        };
        return contribution.IsVisible ? Redirect($"/contributions/{contribution.Id}") : Redirect($"/concertations/{id}");
    }

    public async Task<IActionResult> OnPostOfflineAsync(int id)
    {
        // A date the browser could not check (no date picker) arrives unreadable: refused rather than taken for now.
        var unreadableDate = ModelState.GetFieldValidationState("Offline.ReceivedAt") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;
        ModelState.Clear();
        if (!await LoadConsultationAsync(id)) return NotFound();
        // Entering on someone's behalf belongs to those who run the consultation.
        if (!CanManage) return Forbid();
        if (unreadableDate) throw new DomainException("La date de réception n'est pas une date valide.");
        var contribution = await commands.EnterOfflineAsync(User, Consultation, Offline);
        if (contribution.PaperSheet is null)
        {
            TempData["Message"] = "La contribution reçue hors ligne est enregistrée.";
            return Redirect($"/contributions/{contribution.Id}");
        }
        // A sheet holds one answer per question: back to the form, the sheet kept, for its next answer.
        TempData["Message"] = "La réponse de la feuille est enregistrée. Saisissez la suivante ou changez de feuille.";
        return Redirect($"/concertations/{id}?feuille={Uri.EscapeDataString(Offline.SheetReference!.Trim().ToUpperInvariant())}#saisie-hors-ligne");
    }

    public Task<bool> ReloadAfterBrokenRuleAsync() => LoadPageAsync();

    public string BrokenRuleField(string? handler) => handler == "Offline" ? "Offline" : "Input";

    // What a POST needs before acting (tracked: a command may change it); the rest of the page is read only when it is
    // shown again. A GET only reads it: the copy shared by every request from memory.
    private async Task<bool> LoadConsultationAsync(int id, bool shared = false)
    {
        var consultation = shared ? await headers.ConsultationAsync(id)
            : await db.Consultations.Include(c => c.Questions).Include(c => c.Territory).FirstOrDefaultAsync(c => c.Id == id);
        IsAgent = (await authorization.AuthorizeAsync(User, Policies.Answer)).Succeeded;
        CanManage = consultation is not null && IsAgent && (await authorization.AuthorizeAsync(User, consultation, ServiceStaffRequirement.Instance)).Succeeded;
        if (consultation is null || (consultation.PublishedAt is null && !CanManage)) return false;
        Consultation = consultation;
        if (!shared) Consultation.Questions.Sort((a, b) => a.Position.CompareTo(b.Position));
        Phase = consultation.PhaseAt(clock.GetUtcNow().UtcDateTime);
        return true;
    }

    private async Task<bool> LoadPageAsync()
    {
        var consultation = Consultation;
        (Cover, Dossier) = await headers.FilesAsync(consultation.Id);
        Meetings = await meetings.OfConsultationAsync(consultation.Id);
        if (Seed == 0) Seed = Random.Shared.Next(1, 1_000_000);
        Territories = await queries.TerritoryOptionsAsync();
        var list = await queries.ContributionsAsync(consultation, new ContributionFilter(TerritoryFilter, QuestionFilter,
            AnsweredFilter, Sort, Seed, PageNumber, ListCursor.Parse(After), ListCursor.Parse(Before)));
        (Contributions, Total, PreviousCursor, NextCursor, FirstPosition) = (list.Rows, list.Total, list.Previous, list.Next, list.FirstPosition);
        try
        {
            consultation.EnsureOpenFor(ParticipationAction.Contribute, clock.GetUtcNow().UtcDateTime, tenant.Organization.ToLocal);
        }
        catch (DomainException e)
        {
            ContributeBlocked = e;
            return true;
        }
        if (await commands.RefusalAsync(User, consultation, ParticipationAction.Contribute) is { } refusal)
            ContributeNeeds = verifications.NeedsFor("Pour contribuer", refusal, $"/concertations/{consultation.Id}");
        else CanContribute = true;
        if (CanContribute && User.UserId() is { } me)
        {
            MyAttributes = await verifications.AttributesOfAsync(me);
            TerritoryNames = Territories.ToDictionary(t => t.Id, t => t.Label.Trim('\u00A0'));
        }
        return true;
    }

    /// <summary>The list from its start (no cursor), or from just after / just before a row.</summary>
    public string ListLink(string? direction = null, ListCursor? cursor = null) =>
        QueryLink(direction is null ? [] : new() { [direction] = cursor?.ToString() });

    public string QueryLink(Dictionary<string, string?> overrides)
    {
        var values = new Dictionary<string, string?>
        {
            ["tri"] = Sort.ToString(),
            ["territoire"] = TerritoryFilter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["question"] = QuestionFilter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["reponse"] = AnsweredFilter?.ToString(),
            ["graine"] = Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in overrides) values[k] = v;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/concertations/{Consultation.Id}",
            values.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
