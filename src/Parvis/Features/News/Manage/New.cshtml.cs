using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.News.Manage;

[Authorize(Policy = Policies.ManageConsultations)]
public class NewModel(ParvisDbContext db, NewsCommands commands) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public NewsForm Form { get; set; } = new();
    public NewsForm.Choices Choices { get; private set; } = null!;

    public async Task OnGetAsync() => Choices = await NewsForm.ChoicesAsync(db);

    public async Task<IActionResult> OnPostAsync()
    {
        Choices = await NewsForm.ChoicesAsync(db);
        if (!ModelState.IsValid) return Page();
        var post = await commands.CreateAsync(Form.ToDescription());
        TempData["Message"] = "Actualité enregistrée en brouillon : ajoutez une image si vous le souhaitez, puis publiez-la ou programmez-la.";
        return Redirect($"/admin/actualites/{post.Id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        Choices = await NewsForm.ChoicesAsync(db);
        return true;
    }
}
