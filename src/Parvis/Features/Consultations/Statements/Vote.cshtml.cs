using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Consultations.Statements;

/// <summary>
/// A statements question: the next statement the person has not voted on (one form per vote), a statement to
/// propose, and the opinion map the background job last computed, with the person's group.
/// </summary>
[RateLimited(RateLimits.Posting)]
public class VoteModel(StatementCommands statements, ParticipationCommands participation, OpinionMapStore maps,
    Identity.Verifications verifications, TimeProvider clock) : PageModel, IRedisplaysBrokenRules
{
    public Consultation Consultation { get; private set; } = null!;
    public Question Question { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public StatementRow? Next { get; private set; }
    public int Remaining { get; private set; }
    public int Total { get; private set; }
    /// <summary>Why the phase refuses voting and proposing now (translated by the view), or null.</summary>
    public DomainException? Closed { get; private set; }
    public Identity.ParticipationNeeds? VoteNeeds { get; private set; }
    public Identity.ParticipationNeeds? ProposeNeeds { get; private set; }
    public StoredMap? Map { get; private set; }
    public DateTime? ComputedAt { get; private set; }
    public Dictionary<int, string> Texts { get; private set; } = [];
    public MapGroup? MyGroup { get; private set; }
    public bool IGrouped { get; private set; }

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? InstitutionText { get; set; }

    public string PageUrl => $"/concertations/{Consultation.Id}/enonces/{Question.Id}";

    public async Task<IActionResult> OnGetAsync(int id, int questionId)
    {
        await LoadAsync(id, questionId);
        await ReloadAfterBrokenRuleAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostVoteAsync(int id, int questionId, int statementId, StatementVoteKind? kind)
    {
        await LoadAsync(id, questionId);
        await statements.VoteAsync(User, Consultation, Question, statementId, kind);
        return Redirect(PageUrl + "#voter");
    }

    public async Task<IActionResult> OnPostProposeAsync(int id, int questionId)
    {
        await LoadAsync(id, questionId);
        var statement = await statements.SubmitAsync(User, Consultation, Question, Text);
        TempData["Message"] = statement.IsVisible ? "Merci, votre énoncé est publié : d'autres vont voter dessus."
            : statement.State == ModerationState.AwaitingEmail
                ? "Merci : un lien vous a été envoyé par e-mail. Votre énoncé sera publié quand vous l'aurez ouvert."
                : "Merci, votre énoncé sera proposé au vote après validation par la modération.";
        return Redirect(PageUrl + "#proposer");
    }

    public async Task<IActionResult> OnPostInstitutionAsync(int id, int questionId)
    {
        await LoadAsync(id, questionId);
        await statements.AddInstitutionsAsync(User, Consultation, Question, CanManage, InstitutionText);
        TempData["Message"] = "L'énoncé de l'institution est publié.";
        return Redirect(PageUrl + "#institution");
    }

    private async Task LoadAsync(int id, int questionId) =>
        (Consultation, Question, CanManage) = await statements.LoadAsync(User, id, questionId);

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        var me = User.UserId();
        (Next, Remaining, Total) = await statements.NextAsync(Question.Id, me);
        Closed = Consultation.RefusalFor(ParticipationAction.React, clock.GetUtcNow().UtcDateTime);
        if (Closed is null)
        {
            if (await participation.RefusalAsync(User, Consultation, ParticipationAction.React) is { } refusal)
                VoteNeeds = verifications.NeedsFor("Pour voter", refusal, PageUrl);
            if (await participation.RefusalAsync(User, Consultation, ParticipationAction.Contribute) is { } proposeRefusal)
                ProposeNeeds = verifications.NeedsFor("Pour proposer un énoncé", proposeRefusal, PageUrl);
        }
        if (await maps.ReadAsync(Question.Id) is { } stored)
        {
            (Map, ComputedAt) = (stored.Map, stored.Snapshot.ComputedAt);
            Texts = await statements.TextsAsync(Question.Id);
            IGrouped = me is { } person && Map.Points.Any(p => p.Person == person && p.Group is not null);
            MyGroup = Map.GroupOf(me);
        }
        return true;
    }

    /// <summary>"A", "B"… as groups are named on the map and in the table.</summary>
    public static string GroupName(int number) => ((char)('A' + number)).ToString();
}
