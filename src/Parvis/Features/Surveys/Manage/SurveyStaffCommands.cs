using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Surveys.Manage;

/// <summary>
/// What staff do with a survey itself. Who manages a survey is the rule projects follow (<see cref="ServiceStaffHandler"/>
/// with <see cref="ServiceStaffRequirement.OrUnassigned"/>): administrators every survey, an agent their service's and those
/// without a service. Each command checks everything before it changes anything, writes its audit entry and saves once.
/// </summary>
public sealed class SurveyStaffCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock, IAuthorizationService authorization,
    TenantContext tenant)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static bool IsAdministrator(ClaimsPrincipal user) => user.IsInRole(nameof(StaffRole.Administrator));

    /// <summary>The survey, when it exists here (the tenant filter) and this person manages it.</summary>
    public async Task<Survey> FindAsync(ClaimsPrincipal user, int id)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id) ?? throw new ItemNotFoundException();
        if (!(await authorization.AuthorizeAsync(user, survey, ServiceStaffRequirement.OrUnassigned)).Succeeded)
            throw new ItemForbiddenException();
        return survey;
    }

    public async Task<Survey> CreateAsync(ClaimsPrincipal user, SurveyForm form)
    {
        var survey = new Survey { Title = "" };
        await DescribeAsync(user, survey, form);
        db.Surveys.Add(survey);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        db.SurveySections.Add(new SurveySection { SurveyId = survey.Id, Position = 1, Title = "Partie 1" });
        audit.Record("survey.create", nameof(Survey), survey.Id, survey.Title);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return survey;
    }

    public async Task UpdateAsync(ClaimsPrincipal user, Survey survey, SurveyForm form)
    {
        // A published survey keeps how it is answered; its title, introduction, closing date and results stay editable.
        if (survey.PublishedAt is not null)
        {
            form.AnswerLevel = survey.AnswerLevel;
            form.MinimumAge = survey.MinimumAge;
            form.IsQuickQuestion = survey.IsQuickQuestion;
        }
        await DescribeAsync(user, survey, form);
        audit.Record("survey.update", nameof(Survey), survey.Id, survey.Title);
        await db.SaveChangesAsync();
    }

    private async Task DescribeAsync(ClaimsPrincipal user, Survey survey, SurveyForm form)
    {
        var title = form.Title?.Trim() ?? "";
        if (title.Length is 0 or > Survey.MaxTitle) throw new DomainException("Le titre doit compter de 1 à 200 caractères.");
        var intro = form.Intro?.Trim() ?? "";
        if (intro.Length > Survey.MaxIntro) throw new DomainException("L'introduction dépasse 20 000 caractères.");
        if (form.TerritoryId is not { } territory || !await db.Territories.AnyAsync(t => t.Id == territory))
            throw new DomainException("Choisissez le territoire de l'enquête.");
        if (form.ProjectId is { } project && !await db.Projects.AnyAsync(p => p.Id == project))
            throw new DomainException("Ce projet n'existe pas.");
        var closesAt = form.ClosesAt is { } local ? tenant.Organization.ToUtc(local) : (DateTime?)null;
        if (closesAt is { } c && c <= Now && survey.ClosesAt != c) throw new DomainException("La date de clôture doit être à venir.");
        var service = IsAdministrator(user)
            ? (string.IsNullOrWhiteSpace(form.ServiceName) ? null : form.ServiceName.Trim())
            : survey.Id == 0 ? await ServiceStaffHandler.AgentServiceAsync(db, user) : survey.ServiceName;
        if (service is not null && !await db.RoleAssignments.AnyAsync(r => r.ServiceName == service))
            throw new DomainException("Ce service n'existe pas.");
        var settings = new Survey
        {
            Title = title,
            AnswerLevel = form.AnswerLevel,
            MinimumAge = form.MinimumAge,
        };
        if (settings.ValidateSettings() is { } error) throw new DomainException(error);
        survey.Title = title;
        survey.IntroMarkdown = intro;
        survey.TerritoryId = territory;
        survey.ProjectId = form.ProjectId;
        survey.ServiceName = service;
        survey.AnswerLevel = form.AnswerLevel;
        survey.MinimumAge = form.MinimumAge;
        survey.AllowChanges = form.AllowChanges;
        survey.PublicResults = form.PublicResults;
        survey.ClosesAt = closesAt;
        survey.IsQuickQuestion = form.IsQuickQuestion;
    }

    public async Task PublishAsync(Survey survey)
    {
        var questions = await db.SurveyQuestions.Where(q => q.SurveyId == survey.Id).Select(q => q.Kind).ToListAsync();
        survey.Publish(Now, questions);
        audit.Record("survey.publish", nameof(Survey), survey.Id, survey.Title);
        await db.SaveChangesAsync();
    }

    public async Task CloseAsync(Survey survey)
    {
        survey.Close(Now);
        audit.Record("survey.close", nameof(Survey), survey.Id, survey.Title);
        await db.SaveChangesAsync();
    }

    /// <summary>Hides a written answer from the public results, or shows it again.</summary>
    public async Task SetTextHiddenAsync(Survey survey, long textId, bool hidden)
    {
        var text = await db.SurveyTextAnswers.FirstOrDefaultAsync(t => t.Id == textId && t.SurveyId == survey.Id)
            ?? throw new DomainException("Cette réponse n'existe pas.");
        text.HiddenAt = hidden ? Now : null;
        audit.Record(hidden ? "survey.hide-text" : "survey.show-text", nameof(Survey), survey.Id, $"Réponse {textId}");
        await db.SaveChangesAsync();
    }
}
