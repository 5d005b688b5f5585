using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Projects.Manage;

[Authorize(Policy = Policies.ManageConsultations)]
public class NewModel(ParvisDbContext db, ProjectCommands commands) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty] public ProjectForm Form { get; set; } = new();
    public ProjectForm.Choices Choices { get; private set; } = null!;

    public async Task OnGetAsync() => Choices = await ProjectForm.ChoicesAsync(db, ProjectCommands.IsAdministrator(User));

    public async Task<IActionResult> OnPostAsync()
    {
        Choices = await ProjectForm.ChoicesAsync(db, ProjectCommands.IsAdministrator(User));
        if (!ModelState.IsValid) return Page();
        var project = await commands.CreateAsync(User, Form.ToDescription());
        TempData["Message"] = "Projet enregistré en brouillon : ajoutez ses étapes et ses documents, puis publiez-le.";
        return Redirect($"/admin/projets/{project.Id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        Choices = await ProjectForm.ChoicesAsync(db, ProjectCommands.IsAdministrator(User));
        return true;
    }
}
