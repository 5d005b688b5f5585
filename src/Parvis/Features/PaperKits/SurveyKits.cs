using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Features.Surveys;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.PaperKits;

/// <summary>
/// A survey's printed kit: its parts and questions as they are answered in ink (boxes, numbered boxes, lines, a grid,
/// blanks to rank), its conditions spelled out, and the numbering of the sheets handed out.
/// </summary>
public sealed class SurveyKits(ParvisDbContext db, TenantContext tenant, PublicLinks links, AuditLog audit)
{
    // A sheet is printed in the organization's language, whatever the language of the agent who prints it.
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public Task<Survey?> FindAsync(int id) => db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);

    public Task<bool> IsEnteredAsync(int surveyId, int sheet) =>
        db.SurveyResponses.AnyAsync(r => r.SurveyId == surveyId && r.SheetNumber == sheet);

    public PaperKit ContentOf(SurveyStructure structure)
    {
        var organization = tenant.Organization;
        var survey = structure.Survey;
        var opened = organization.ToLocal(survey.PublishedAt ?? DateTime.UtcNow);
        var dates = survey.ClosesAt is { } closes
            ? string.Create(French,
                $"Vous pouvez répondre du {opened:d MMMM yyyy} au {organization.ToLocal(closes).AddMinutes(-1):d MMMM yyyy 'à' HH:mm}.")
            : string.Create(French, $"Vous pouvez répondre depuis le {opened:d MMMM yyyy}, jusqu'à la clôture de l'enquête.");
        var use = $"{organization.Name} saisit chaque feuille reçue : vos réponses sont comptées avec celles données en ligne, " +
            $"sans votre nom. Aucun chiffre ne porte sur moins de {Survey.MinimumGroup} personnes. " +
            (survey.PublicResults ? "Les résultats sont publiés sur la page de l'enquête." :
                $"{survey.ServiceName ?? organization.Name} étudie les résultats.");
        var numbers = new Dictionary<int, int>();
        var parts = new List<PaperPart>();
        foreach (var section in structure.Sections)
        {
            var questions = new List<PaperQuestion>();
            foreach (var question in structure.QuestionsOf(section.Id))
            {
                numbers[question.Id] = numbers.Count + 1;
                questions.Add(Printed(structure, question) with
                {
                    Condition = ConditionOf(structure, question, numbers),
                    Help = question.Help,
                });
            }
            parts.Add(new PaperPart(section.Title, questions));
        }
        return new PaperKit(organization.Name, survey.Title, Excerpt.SummaryOfMarkdown(survey.IntroMarkdown, 400), dates, use, parts,
            links.To($"/enquetes/{survey.Id}"));
    }

    private static PaperQuestion Printed(SurveyStructure s, SurveyQuestion q)
    {
        var columns = s.Columns(q.Id).Select(o => o.Text).ToList();
        return q.Kind switch
        {
            SurveyQuestionKind.SingleChoice =>
                new(q.Text, PaperAnswerKind.Boxes) { Options = columns, Instruction = "Cochez une seule case." },
            SurveyQuestionKind.MultipleChoice => new(q.Text, PaperAnswerKind.Boxes)
            {
                Options = columns,
                Instruction = q.MaxChoices is { } max
                    ? string.Create(CultureInfo.InvariantCulture, $"Cochez une ou plusieurs cases ({max} au plus).")
                    : "Cochez une ou plusieurs cases.",
            },
            SurveyQuestionKind.Scale => new(q.Text, PaperAnswerKind.Scale)
            {
                Options = [.. Enumerable.Range(q.ScaleMin, q.ScaleMax - q.ScaleMin + 1)
                    .Select(n => n.ToString(CultureInfo.InvariantCulture))],
                Instruction = string.Create(CultureInfo.InvariantCulture, $"Cochez une seule case, de {q.ScaleMin} à {q.ScaleMax}."),
                LowLabel = q.LowLabel is null ? null : string.Create(CultureInfo.InvariantCulture, $"{q.ScaleMin} : {q.LowLabel}"),
                HighLabel = q.HighLabel is null ? null : string.Create(CultureInfo.InvariantCulture, $"{q.ScaleMax} : {q.HighLabel}"),
            },
            SurveyQuestionKind.Ranking => new(q.Text, PaperAnswerKind.Ranking)
            {
                Options = columns,
                Instruction = string.Create(CultureInfo.InvariantCulture,
                    $"Numérotez chaque proposition, de 1 (la première) à {columns.Count}."),
            },
            SurveyQuestionKind.Matrix => new(q.Text, PaperAnswerKind.Grid)
            {
                Options = columns,
                Rows = [.. s.Rows(q.Id).Select(o => o.Text)],
                Instruction = "Cochez une case par ligne.",
            },
            SurveyQuestionKind.ShortText => PaperQuestion.Written(q.Text, 2),
            SurveyQuestionKind.Number => PaperQuestion.Written(q.Text, 1) with { Instruction = "Un nombre." },
            SurveyQuestionKind.Date => PaperQuestion.Written(q.Text, 1) with { Instruction = "Une date (jour / mois / année)." },
            _ => PaperQuestion.Written(q.Text, 7),
        };
    }

    /// <summary>"Si vous avez répondu « Oui » ou « Peut-être » à la question 2", from the numbers given so far.</summary>
    private static string? ConditionOf(SurveyStructure s, SurveyQuestion q, Dictionary<int, int> numbers)
    {
        if (q.ConditionQuestionId is not { } on || !numbers.TryGetValue(on, out var number)) return null;
        var chosen = q.ConditionOptions();
        var options = s.Options[on].Where(o => chosen.Contains(o.Id)).Select(o => $"« {o.Text} »").ToList();
        if (options.Count == 0) return null;
        return string.Create(CultureInfo.InvariantCulture, $"Si vous avez répondu {string.Join(" ou ", options)} à la question {number}");
    }

    /// <summary>
    /// Numbers the next sheets and records who printed them. The count moves by a conditional update from the number read,
    /// so two agents printing at once never get the same sheets: the second reads the new count and tries again.
    /// </summary>
    public async Task<IReadOnlyList<PaperSheetReference>> PrintSheetsAsync(Survey survey, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = survey.PaperSheetsPrinted;
            var sheets = survey.PrintPaperSheets(count);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var moved = await db.Surveys.Where(s => s.Id == survey.Id && s.PaperSheetsPrinted == before)
                .ExecuteUpdateAsync(x => x.SetProperty(s => s.PaperSheetsPrinted, before + count));
            if (moved == 1)
            {
                audit.Record("survey.print-kit", nameof(Survey), survey.Id, $"{count} feuille(s) : {sheets[0]} à {sheets[^1]}");
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return sheets;
            }
            await transaction.RollbackAsync();
            if (attempt >= 3) throw new DomainException("D'autres feuilles s'impriment en ce moment : recommencez dans un instant.");
            survey = await FindAsync(survey.Id) ?? throw new DomainException("Cette enquête n'existe plus.");
        }
    }
}
