using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Manage;

/// <summary>Adds or edits one extra question of a category (an Open311 attribute).</summary>
[Authorize(Policy = Policies.Administer)]
public class QuestionEditModel(ParvisDbContext db, AuditLog audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Prompt { get; set; }
    [BindProperty] public QuestionKind Kind { get; set; }
    [BindProperty] public bool Required { get; set; }
    [BindProperty] public string? Choices { get; set; }

    public RequestCategory Category { get; private set; } = null!;
    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(int categoryId, int? id)
    {
        if (await LoadAsync(categoryId, id) is not { } question) return NotFound();
        if (!IsNew) (Code, Prompt, Kind, Required, Choices) = (question.Code, question.Prompt, question.Kind, question.Required, question.Choices);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int categoryId, int? id)
    {
        ModelState.Clear();
        if (await LoadAsync(categoryId, id) is not { } question) return NotFound();
        var code = Code?.Trim() ?? "";
        var kind = Enum.IsDefined(Kind) ? Kind : QuestionKind.ShortText;
        var choices = kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice ? Choices?.Trim().ReplaceLineEndings("\n") ?? "" : "";
        var error = CategoryQuestion.Validate(code, Prompt, kind, choices);
        if (error is null && await db.CategoryQuestions.AnyAsync(q => q.CategoryId == categoryId && q.Code == code && q.Id != question.Id))
            error = "Une autre question de cette catégorie porte déjà ce code.";
        if (error is null && choices.Length > 0)
        {
            var keys = new CategoryQuestion { Code = code, Prompt = "", Choices = choices }.ChoiceList().Select(c => c.Key).ToList();
            if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count) error = "Deux choix ont la même clé : chaque clé est unique.";
            else if (keys.Any(k => k.Length == 0 || k.Contains(','))) error = "Une clé de choix ne peut être ni vide ni contenir de virgule.";
        }
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            return Page();
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (IsNew)
        {
            question.Position = await db.CategoryQuestions.Where(q => q.CategoryId == categoryId).Select(q => (int?)q.Position).MaxAsync() + 1 ?? 1;
            db.CategoryQuestions.Add(question);
        }
        question.Code = code;
        question.Prompt = Prompt!.Trim();
        question.Kind = kind;
        question.Required = Required;
        question.Choices = choices;
        if (IsNew) await db.SaveChangesAsync();
        audit.Record(IsNew ? "request-question.create" : "request-question.update", nameof(CategoryQuestion), question.Id,
            $"{Category.Code}/{question.Code} « {question.Prompt} », {kind}{(question.Required ? ", obligatoire" : "")}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = "Question enregistrée.";
        return RedirectToPage("/Requests/Manage/CategoryEdit", new { id = categoryId });
    }

    private async Task<CategoryQuestion?> LoadAsync(int categoryId, int? id)
    {
        if (await db.RequestCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId) is not { } category) return null;
        Category = category;
        IsNew = id is null;
        return IsNew
            ? new CategoryQuestion { CategoryId = categoryId, Code = "", Prompt = "" }
            : await db.CategoryQuestions.FirstOrDefaultAsync(q => q.Id == id && q.CategoryId == categoryId);
    }
}

/// <summary>The French names of the kinds of questions (translated in the views).</summary>
public static class QuestionLabels
{
    public static string Of(QuestionKind kind) => kind switch
    {
        QuestionKind.ShortText => "Texte court",
        QuestionKind.LongText => "Texte long",
        QuestionKind.Number => "Nombre",
        QuestionKind.Date => "Date",
        QuestionKind.SingleChoice => "Choix unique",
        _ => "Choix multiples",
    };
}
