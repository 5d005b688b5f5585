using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Sortition.Manage;

/// <summary>The organization's draws, and a new one.</summary>
[Authorize(Policy = Policies.Administer)]
public class IndexModel(ParvisDbContext db, DrawCommands commands) : PageModel, IRedisplaysBrokenRules
{
    public sealed record Row(int Id, string Title, int PanelSize, DateTime CreatedAt, int Rounds, bool Drawn);

    public List<Row> Rows { get; private set; } = [];

    [BindProperty, Required(ErrorMessage = "Le titre est obligatoire."), StringLength(Draw.MaxTitle, ErrorMessage = "Le titre dépasse 200 caractères.")]
    public string? Title { get; set; }

    [BindProperty, Range(1, Draw.MaxPanel, ErrorMessage = "La taille du panel doit être comprise entre 1 et 1000.")]
    public int PanelSize { get; set; } = 20;

    [BindProperty] public bool OnePerHousehold { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var draw = await commands.CreateAsync(Title, PanelSize, OnePerHousehold);
        TempData["Message"] = "Tirage créé : importez ses quotas puis son vivier.";
        return Redirect($"/admin/tirages/{draw.Id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync() =>
        Rows = await db.Draws.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(100)
            .Select(d => new Row(d.Id, d.Title, d.PanelSize, d.CreatedAt,
                db.DrawRounds.Count(r => r.DrawId == d.Id), db.DrawRounds.Any(r => r.DrawId == d.Id && r.DrawnAt != null)))
            .ToListAsync();
}
