using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Features.Consultations;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Councils.Manage;

/// <summary>The organization's councils for administrators, and the form that creates one.</summary>
[Authorize(Policy = Policies.Administer)]
public class IndexModel(ParvisDbContext db, CouncilQueries queries, CouncilCommands commands) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public CouncilForm Form { get; set; } = new();
    public List<CouncilCard> Councils { get; private set; } = [];
    public List<(int Id, string Label)> Territories { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAfterBrokenRuleAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var council = await commands.CreateAsync(Form);
        TempData["Message"] = "Le conseil est créé : ajoutez ses collèges et ses animateurs.";
        return Redirect($"/admin/conseils/{council.Id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        Councils = await queries.AllAsync();
        Territories = await TerritoryTree.OptionsAsync(db);
        return true;
    }

    public string BrokenRuleField(string? handler) => "Form";
}
