using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Surveys.Manage;

/// <summary>
/// A survey's sections and questions, changed only before publication (<see cref="Survey.EnsureEditable"/>): answers
/// already given would no longer mean the same thing. Every command is audited.
/// </summary>
public sealed class SurveyQuestionCommands(ParvisDbContext db, AuditLog audit)
{
    public const int MaxSections = 30;
    public const int MaxQuestions = 200;

    public async Task AddSectionAsync(Survey survey, string? title)
    {
        survey.EnsureEditable();
        var name = SectionTitle(title);
        var positions = await db.SurveySections.Where(s => s.SurveyId == survey.Id).Select(s => s.Position).ToListAsync();
        if (positions.Count >= MaxSections) throw DomainException.WithValues("Une enquête compte au plus {0} parties.", MaxSections);
        db.SurveySections.Add(new SurveySection { SurveyId = survey.Id, Title = name, Position = positions.DefaultIfEmpty(0).Max() + 1 });
        audit.Record("survey.add-section", nameof(Survey), survey.Id, name);
        await db.SaveChangesAsync();
    }

    public async Task RenameSectionAsync(Survey survey, int sectionId, string? title)
    {
        survey.EnsureEditable();
        var section = await SectionAsync(survey, sectionId);
        section.Title = SectionTitle(title);
        audit.Record("survey.rename-section", nameof(Survey), survey.Id, section.Title);
        await db.SaveChangesAsync();
    }

    /// <summary>Swaps the section with the one before (up) or after it.</summary>
    public async Task MoveSectionAsync(Survey survey, int sectionId, bool up)
    {
        survey.EnsureEditable();
        var sections = await db.SurveySections.Where(s => s.SurveyId == survey.Id).OrderBy(s => s.Position).ToListAsync();
        var index = sections.FindIndex(s => s.Id == sectionId);
        if (index < 0) throw new DomainException("Cette partie n'existe pas.");
        var other = up ? index - 1 : index + 1;
        if (other < 0 || other >= sections.Count) return;
        // Conditions point to earlier questions: a move that would put a question before its condition is refused.
        var (first, second) = up ? (sections[other], sections[index]) : (sections[index], sections[other]);
        if (await db.SurveyQuestions.AnyAsync(q => q.SectionId == second.Id && q.ConditionQuestionId != null
            && db.SurveyQuestions.Any(c => c.Id == q.ConditionQuestionId && c.SectionId == first.Id)))
            throw new DomainException("Une question de cette partie dépend d'une question de l'autre : ce déplacement est impossible.");
        (sections[index].Position, sections[other].Position) = (sections[other].Position, sections[index].Position);
        audit.Record("survey.move-section", nameof(Survey), survey.Id, sections[index].Title);
        await db.SaveChangesAsync();
    }

    public async Task AddQuestionAsync(Survey survey, QuestionForm form)
    {
        survey.EnsureEditable();
        var section = await SectionAsync(survey, form.SectionId ?? 0);
        var existing = await db.SurveyQuestions.Where(q => q.SurveyId == survey.Id).ToListAsync();
        if (existing.Count >= MaxQuestions) throw DomainException.WithValues("Une enquête compte au plus {0} questions.", MaxQuestions);
        if (!Enum.IsDefined(form.Kind)) throw new DomainException("Choisissez le type de la question.");
        var question = new SurveyQuestion
        {
            SurveyId = survey.Id,
            SectionId = section.Id,
            Kind = form.Kind,
            Text = form.Text?.Trim() ?? "",
            Help = Blank(form.Help),
            Required = form.Required,
            Position = existing.Where(q => q.SectionId == section.Id).Select(q => q.Position).DefaultIfEmpty(0).Max() + 1,
        };
        if (form.Kind == SurveyQuestionKind.MultipleChoice) question.MaxChoices = form.MaxChoices;
        if (form.Kind == SurveyQuestionKind.Scale)
        {
            (question.ScaleMin, question.ScaleMax) = form.Scale == "0-10" ? (0, 10) : (1, 5);
            question.LowLabel = Blank(form.LowLabel);
            question.HighLabel = Blank(form.HighLabel);
        }
        if (question.Validate() is { } error) throw new DomainException(error);
        var options = question.HasOptions ? QuestionForm.Lines(form.Options) : [];
        var rows = form.Kind == SurveyQuestionKind.Matrix ? QuestionForm.Lines(form.Rows) : [];
        CheckOptions(question, options, rows);
        await SetConditionAsync(survey, question, section, existing, form.Condition);
        question.Text = question.Text.Trim();
        db.SurveyQuestions.Add(question);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        var position = 0;
        foreach (var text in options)
            db.SurveyOptions.Add(new SurveyOption { QuestionId = question.Id, Text = text, Position = ++position });
        foreach (var text in rows)
            db.SurveyOptions.Add(new SurveyOption { QuestionId = question.Id, Text = text, Position = ++position, IsRow = true });
        audit.Record("survey.add-question", nameof(Survey), survey.Id, question.Text);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public async Task RemoveQuestionAsync(Survey survey, int questionId)
    {
        survey.EnsureEditable();
        var question = await db.SurveyQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.SurveyId == survey.Id)
            ?? throw new DomainException("Cette question n'existe pas.");
        if (await db.SurveyQuestions.AnyAsync(q => q.ConditionQuestionId == questionId))
            throw new DomainException("Une autre question dépend de celle-ci : retirez d'abord sa condition.");
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SurveyOptions.Where(o => o.QuestionId == questionId).ExecuteDeleteAsync();
        db.SurveyQuestions.Remove(question);
        audit.Record("survey.remove-question", nameof(Survey), survey.Id, question.Text);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static void CheckOptions(SurveyQuestion question, List<string> options, List<string> rows)
    {
        if (!question.HasOptions) return;
        if (options.Count < 2) throw new DomainException("Indiquez au moins deux réponses possibles, une par ligne.");
        if (options.Count + rows.Count > SurveyQuestion.MaxOptions)
            throw DomainException.WithValues("Une question compte au plus {0} réponses possibles et lignes.", SurveyQuestion.MaxOptions);
        if (options.Concat(rows).Any(o => o.Length > SurveyOption.MaxText))
            throw DomainException.WithValues("Une réponse possible dépasse {0} caractères.", SurveyOption.MaxText);
        if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
            throw new DomainException("Deux réponses possibles sont identiques.");
        if (question.Kind == SurveyQuestionKind.Matrix && rows.Count == 0)
            throw new DomainException("Indiquez au moins une ligne de la matrice, une par ligne.");
        if (question.MaxChoices is { } max && max > options.Count)
            throw new DomainException("Le nombre maximal de choix dépasse le nombre de réponses possibles.");
    }

    /// <summary>The condition: options of one earlier single or multiple choice question of this survey.</summary>
    private async Task SetConditionAsync(Survey survey, SurveyQuestion question, SurveySection section, List<SurveyQuestion> existing,
        List<string> picked)
    {
        var values = picked.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        if (values.Count == 0) return;
        var pairs = new List<(int Question, int Option)>();
        foreach (var v in values)
        {
            var parts = v.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var q)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var o))
                throw new DomainException("Cette condition n'est pas valide.");
            pairs.Add((q, o));
        }
        if (pairs.Select(p => p.Question).Distinct().Count() != 1)
            throw new DomainException("Une condition porte sur les réponses d'une seule question.");
        var on = existing.FirstOrDefault(q => q.Id == pairs[0].Question);
        var order = await db.SurveySections.Where(s => s.SurveyId == survey.Id).ToDictionaryAsync(s => s.Id, s => s.Position);
        if (on is null || !on.CanBeCondition || order.GetValueOrDefault(on.SectionId) > section.Position)
            throw new DomainException("Une condition porte sur une question à choix placée avant celle-ci.");
        // A part is shown whole, before its answers are known: the condition's question must be in an earlier part.
        if (on.SectionId == section.Id)
            throw new DomainException("Une condition porte sur une question d'une partie précédente : une partie s'affiche d'un bloc.");
        var options = await db.SurveyOptions.Where(o => o.QuestionId == on.Id && !o.IsRow).Select(o => o.Id).ToListAsync();
        if (pairs.Any(p => !options.Contains(p.Option))) throw new DomainException("Cette condition n'est pas valide.");
        question.ConditionQuestionId = on.Id;
        question.ConditionOptionIds = string.Join(',', pairs.Select(p => p.Option.ToString(CultureInfo.InvariantCulture)).Distinct());
    }

    private async Task<SurveySection> SectionAsync(Survey survey, int sectionId) =>
        await db.SurveySections.FirstOrDefaultAsync(s => s.Id == sectionId && s.SurveyId == survey.Id)
        ?? throw new DomainException("Choisissez une partie de l'enquête.");

    private static string SectionTitle(string? title)
    {
        var name = title?.Trim() ?? "";
        if (name.Length is 0 or > SurveySection.MaxTitle)
            throw new DomainException("Le titre de la partie doit compter de 1 à 200 caractères.");
        return name;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
