using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Manage;

/// <summary>Creates or edits a category (an Open311 service) and orders, removes its extra questions.</summary>
[Authorize(Policy = Policies.Administer)]
public class CategoryEditModel(ParvisDbContext db, AuditLog audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Group { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Keywords { get; set; }
    [BindProperty] public string? ServiceName { get; set; }
    [BindProperty] public int? TargetAmount { get; set; }
    [BindProperty] public string TargetUnit { get; set; } = "jours";
    [BindProperty] public int? Position { get; set; }
    [BindProperty] public bool IsActive { get; set; } = true;

    public RequestCategory? Category { get; private set; }
    public List<string> KnownServices { get; private set; } = [];
    public List<string> KnownGroups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is not null)
        {
            if (await LoadCategoryAsync(id.Value) is not { } c) return NotFound();
            (Code, Name, Group, Description, Keywords, ServiceName, Position, IsActive) = (c.Code, c.Name, c.Group, c.Description, c.Keywords, c.ServiceName, c.Position, c.IsActive);
            (TargetAmount, TargetUnit) = SettingsModel.Target(c.TargetHours);
        }
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        ModelState.Clear();
        RequestCategory? category = null;
        if (id is not null && (category = await db.RequestCategories.FirstOrDefaultAsync(c => c.Id == id)) is null) return NotFound();
        var code = Code?.Trim() ?? "";
        var hours = TargetAmount is { } amount and > 0 and <= 24 * 365 ? (TargetUnit == "heures" ? amount : amount * 24) : 0;
        var error = RequestCategory.Validate(code, Name, Group, ServiceName, hours, Description?.Trim(), Keywords?.Trim());
        if (error is null && Position is < 0 or > 10_000) error = "La position est comprise entre 0 et 10 000.";
        if (error is null && await db.RequestCategories.AnyAsync(c => c.Code == code && c.Id != (id ?? 0)))
            error = "Une autre catégorie porte déjà ce code : choisissez-en un autre.";
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            Category = id is null ? null : await LoadCategoryAsync(id.Value);
            await LoadChoicesAsync();
            return Page();
        }
        // A new category needs its id for the audit entry: both writes in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync();
        category ??= db.RequestCategories.Add(new RequestCategory { Code = code, Name = "", Group = "", ServiceName = "" }).Entity;
        category.Code = code;
        category.Name = Name!.Trim();
        category.Group = Group!.Trim();
        category.Description = Description?.Trim() ?? "";
        category.Keywords = Keywords?.Trim() ?? "";
        category.ServiceName = ServiceName!.Trim();
        category.TargetHours = hours;
        category.Position = Position ?? 0;
        category.IsActive = IsActive;
        if (id is null) await db.SaveChangesAsync();
        audit.Record(id is null ? "request-category.create" : "request-category.update", nameof(RequestCategory), category.Id,
            $"{category.Code} « {category.Name} », {category.Group}, {category.ServiceName}, {category.TargetHours} h, {(category.IsActive ? "active" : "inactive")}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        TempData["Message"] = id is null ? "Catégorie créée : ajoutez ses questions si besoin." : "Catégorie enregistrée.";
        return RedirectToPage(new { id = category.Id });
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, int questionId, int by)
    {
        var questions = await db.CategoryQuestions.Where(q => q.CategoryId == id).OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync();
        var index = questions.FindIndex(q => q.Id == questionId);
        var target = index + Math.Sign(by);
        if (index >= 0 && target >= 0 && target < questions.Count)
        {
            (questions[index], questions[target]) = (questions[target], questions[index]);
            for (var i = 0; i < questions.Count; i++) questions[i].Position = i + 1;
            audit.Record("request-question.move", nameof(CategoryQuestion), questionId, $"{questions[target].Code} → {target + 1}");
            await db.SaveChangesAsync();
            TempData["Message"] = "Ordre des questions enregistré.";
        }
        return RedirectToPage(new { id });
    }

    /// <summary>A question already answered is kept: its answers would lose their meaning.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id, int questionId)
    {
        var question = await db.CategoryQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.CategoryId == id);
        if (question is null) return RedirectToPage(new { id });
        if (await db.RequestAnswers.AnyAsync(a => a.QuestionId == questionId))
        {
            ModelState.AddModelError("", "Cette question a déjà des réponses : elle ne peut plus être supprimée. Rendez-la facultative ou modifiez son libellé.");
            return await OnGetAsync(id);
        }
        db.CategoryQuestions.Remove(question);
        audit.Record("request-question.delete", nameof(CategoryQuestion), questionId, $"{question.Code} « {question.Prompt} »");
        await db.SaveChangesAsync();
        TempData["Message"] = "Question supprimée.";
        return RedirectToPage(new { id });
    }

    private async Task<RequestCategory?> LoadCategoryAsync(int id) =>
        Category = await db.RequestCategories.AsNoTracking().Include(c => c.Questions.OrderBy(q => q.Position).ThenBy(q => q.Id)).FirstOrDefaultAsync(c => c.Id == id);

    private async Task LoadChoicesAsync()
    {
        var fromAgents = await db.RoleAssignments.AsNoTracking().Where(r => r.ServiceName != null).Select(r => r.ServiceName!).Distinct().ToListAsync();
        var fromCategories = await db.RequestCategories.AsNoTracking().Select(c => c.ServiceName).Distinct().ToListAsync();
        KnownServices = fromAgents.Concat(fromCategories).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        KnownGroups = await db.RequestCategories.AsNoTracking().Select(c => c.Group).Distinct().OrderBy(g => g).ToListAsync();
    }
}
