using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Responses;

[Authorize(Policy = Policies.Validate)]
public class QueueModel(ResponseDrafts drafts, ResponseCommands commands, OverdueAnswers overdue, IAuthorizationService authorization) : PageModel
{
    public List<Draft> Drafts { get; private set; } = [];
    /// <summary>Answers past the organization's deadline; null for who cannot open that list (elected officials).</summary>
    public int? Overdue { get; private set; }

    public async Task OnGetAsync()
    {
        if ((await authorization.AuthorizeAsync(User, Policies.Answer)).Succeeded) Overdue = await overdue.CountAsync(User);
        Drafts = await drafts.AllAsync();
    }

    public async Task<IActionResult> OnPostPublishAsync(int responseId)
    {
        try
        {
            await commands.PublishAsync(User, responseId);
            TempData["Message"] = "La réponse est publiée au nom de la collectivité.";
        }
        catch (DomainException e)
        {
            TempData["Message"] = e.Message;
        }
        return RedirectToPage();
    }
}
