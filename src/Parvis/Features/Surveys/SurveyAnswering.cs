using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Surveys;

/// <summary>Who answers: an account, or (anonymous surveys) a device known by its cookie; paper sheets have neither.</summary>
public sealed record Respondent(Guid? UserId, string? DeviceKey);

/// <summary>
/// Saving answers: one response per person (or device, or sheet) decided by unique indexes, every row of an answer written
/// in one transaction, a change replacing the rows behind a conditional update of the response's version.
/// </summary>
public sealed class SurveyAnswering(ParvisDbContext db, IAuthorizationService authorization, Identity.Verifications verifications,
    AuditLog audit, TimeProvider clock)
{
    public const string DeviceCookie = "parvis.device";
    private static readonly DomainException AlreadyAnswered = new("Vous avez déjà répondu à cette enquête.");
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>What the survey's level refuses this person, or null.</summary>
    public async Task<ParticipationRefusal?> RefusalAsync(ClaimsPrincipal user, Survey survey)
    {
        var result = await authorization.AuthorizeAsync(user, survey, new ParticipationRequirement(ParticipationAction.Contribute));
        if (result.Succeeded) return null;
        return result.Failure?.FailureReasons.OfType<ParticipationRefusal>().FirstOrDefault()
            ?? throw new DomainException("Vous ne pouvez pas répondre à cette enquête.");
    }

    /// <summary>An account answers as itself; without one, the device's cookie (made on first use) stands for it.</summary>
    public static Respondent RespondentOf(HttpContext http, bool create)
    {
        if (http.User.UserId() is { } userId) return new(userId, null);
        var token = http.Request.Cookies[DeviceCookie];
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            if (!create) return new(null, null);
            token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
            http.Response.Cookies.Append(DeviceCookie, token, new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(400),
                Secure = http.Request.IsHttps,
            });
        }
        return new(null, Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))));
    }

    /// <summary>
    /// A page that says whether this device answered is its own: never kept for other visitors by the anonymous page cache
    /// (which only knows sign-in cookies).
    /// </summary>
    public static void KeepPersonal(HttpContext http)
    {
        if (http.Request.Cookies.ContainsKey(DeviceCookie)) http.Response.Headers.CacheControl = "no-store";
    }

    public Task<SurveyResponse?> ExistingAsync(int surveyId, Respondent who) =>
        who.UserId is { } userId ? db.SurveyResponses.AsNoTracking().FirstOrDefaultAsync(r => r.SurveyId == surveyId && r.UserId == userId)
        : who.DeviceKey is { } key ? db.SurveyResponses.AsNoTracking().FirstOrDefaultAsync(r => r.SurveyId == surveyId && r.DeviceKey == key)
        : Task.FromResult<SurveyResponse?>(null);

    /// <summary>The answers of an existing response, as the form fields that show them again.</summary>
    public async Task<Dictionary<string, List<string>>> FieldsOfAsync(SurveyStructure survey, long responseId)
    {
        var fields = new Dictionary<string, List<string>>();
        void Add(string name, string value)
        {
            if (!fields.TryGetValue(name, out var list)) fields[name] = list = [];
            list.Add(value);
        }
        var kinds = survey.Questions.ToDictionary(q => q.Id);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var c in await db.SurveyAnswerChoices.AsNoTracking().Where(c => c.ResponseId == responseId).ToListAsync())
        {
            if (!kinds.TryGetValue(c.QuestionId, out var q)) continue;
            if (q.Kind == SurveyQuestionKind.Matrix && c.RowOptionId is { } row && c.OptionId is { } col)
                Add(SurveyAnswers.RowField(q.Id, row), col.ToString(inv));
            else if (q.Kind == SurveyQuestionKind.Ranking && c.OptionId is { } o && c.Value is { } rank)
                Add(SurveyAnswers.RankField(q.Id, o), rank.ToString(inv));
            else if (c.OptionId is { } option) Add(SurveyAnswers.Field(q.Id), option.ToString(inv));
            else if (c.Value is { } v)
                Add(SurveyAnswers.Field(q.Id), q.Kind == SurveyQuestionKind.Date ? DateOnly.FromDayNumber(v).ToString("yyyy-MM-dd", inv) : v.ToString(inv));
        }
        foreach (var t in await db.SurveyTextAnswers.AsNoTracking().Where(t => t.ResponseId == responseId).ToListAsync())
            Add(SurveyAnswers.Field(t.QuestionId), t.Text);
        return fields;
    }

    /// <summary>Saves an online answer, or replaces it where the survey lets answers change.</summary>
    public async Task<bool> SubmitAsync(ClaimsPrincipal user, SurveyStructure structure, Respondent who, SurveyAnswers answers)
    {
        var survey = structure.Survey;
        if (await RefusalAsync(user, survey) is { } refusal) throw refusal.Reason;
        survey.EnsureOpen(Now);
        if (who.UserId is null && who.DeviceKey is null) throw new DomainException("Connectez-vous (ou créez un compte) pour participer.");
        var existing = await ExistingAsync(survey.Id, who);
        if (existing is not null)
        {
            if (!survey.AllowChanges) throw AlreadyAnswered;
            await ChangeAsync(existing, answers);
            return true;
        }
        var (territory, age) = who.UserId is { } userId ? await DemographicsAsync(userId, survey.TerritoryId) : (null, null);
        var response = new SurveyResponse
        {
            SurveyId = survey.Id,
            UserId = who.UserId,
            DeviceKey = who.UserId is null ? who.DeviceKey : null,
            Channel = Channel.Online,
            TerritoryId = territory,
            AgeBracket = age,
            SubmittedAt = Now,
            UpdatedAt = Now,
        };
        await InsertAsync(response, answers, AlreadyAnswered);
        return false;
    }

    /// <summary>An agent enters a paper answer: channel "papier", the sheet entered once when it has a reference.</summary>
    public async Task<SurveyResponse> EnterPaperAsync(SurveyStructure structure, SurveyAnswers answers, string? sheetReference)
    {
        var survey = structure.Survey;
        if (survey.PublishedAt is null) throw new DomainException("Publiez l'enquête avant d'en saisir les réponses papier.");
        int? sheet = string.IsNullOrWhiteSpace(sheetReference) ? null : survey.SheetOf(sheetReference);
        if (answers.ByQuestion.Count == 0) throw new DomainException("Saisissez au moins une réponse de la feuille.");
        var response = new SurveyResponse
        {
            SurveyId = survey.Id,
            Channel = Channel.PaperRegister,
            SheetNumber = sheet,
            SubmittedAt = Now,
            UpdatedAt = Now,
        };
        await InsertAsync(response, answers, new DomainException("Cette feuille a déjà été saisie."), () =>
            audit.Record("survey.enter-paper", nameof(Survey), survey.Id, sheet is null ? "Sans référence" : $"Feuille {sheetReference!.Trim().ToUpperInvariant()}"));
        return response;
    }

    private async Task InsertAsync(SurveyResponse response, SurveyAnswers answers, DomainException duplicate, Action? audited = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            db.SurveyResponses.Add(response);
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two submissions of one person at once: the unique index kept the first.
            throw duplicate;
        }
        AddRows(response, answers);
        audited?.Invoke();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private async Task ChangeAsync(SurveyResponse existing, SurveyAnswers answers)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        // The version moves first: a second change at the same moment waits on this row, then finds it moved.
        var moved = await db.SurveyResponses.Where(r => r.Id == existing.Id && r.Version == existing.Version)
            .ExecuteUpdateAsync(x => x.SetProperty(r => r.Version, existing.Version + 1).SetProperty(r => r.UpdatedAt, Now));
        if (moved == 0) throw new DomainException("Votre réponse vient d'être modifiée ailleurs : rechargez la page et recommencez.");
        await db.SurveyAnswerChoices.Where(c => c.ResponseId == existing.Id).ExecuteDeleteAsync();
        await db.SurveyTextAnswers.Where(t => t.ResponseId == existing.Id).ExecuteDeleteAsync();
        AddRows(existing, answers);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private void AddRows(SurveyResponse r, SurveyAnswers answers)
    {
        SurveyAnswerChoice Row(int questionId, int? option = null, int? row = null, int? value = null) => new()
        {
            SurveyId = r.SurveyId,
            ResponseId = r.Id,
            QuestionId = questionId,
            OptionId = option,
            RowOptionId = row,
            Value = value,
            Channel = r.Channel,
            TerritoryId = r.TerritoryId,
            AgeBracket = r.AgeBracket,
        };
        foreach (var a in answers.ByQuestion.Values)
        {
            // The marker row: one per answered question, the respondents' count.
            db.SurveyAnswerChoices.Add(Row(a.QuestionId));
            foreach (var o in a.Options) db.SurveyAnswerChoices.Add(Row(a.QuestionId, option: o));
            foreach (var (key, value) in a.Pairs)
            {
                var isMatrix = answers.IsMatrix(a.QuestionId);
                db.SurveyAnswerChoices.Add(isMatrix ? Row(a.QuestionId, option: value, row: key) : Row(a.QuestionId, option: key, value: value));
            }
            if (a.Value is { } v) db.SurveyAnswerChoices.Add(Row(a.QuestionId, value: v));
            if (a.Text is { } t)
                db.SurveyTextAnswers.Add(new SurveyTextAnswer { SurveyId = r.SurveyId, ResponseId = r.Id, QuestionId = a.QuestionId, Text = t });
        }
    }

    /// <summary>The verified residence (within the survey's territory, when one is) and age bracket, copied onto the answer.</summary>
    private async Task<(int? Territory, AgeBracket? Age)> DemographicsAsync(Guid userId, int surveyTerritoryId)
    {
        var attributes = await verifications.AttributesOfAsync(userId);
        if (attributes.ResidentTerritoryIds.Count == 0) return (null, attributes.AgeBracket);
        var under = await Consultations.TerritoryTree.SelfAndDescendantsAsync(db, surveyTerritoryId);
        var territory = attributes.ResidentTerritoryIds.FirstOrDefault(under.Contains);
        return (territory == 0 ? attributes.ResidentTerritoryIds[0] : territory, attributes.AgeBracket);
    }
}
