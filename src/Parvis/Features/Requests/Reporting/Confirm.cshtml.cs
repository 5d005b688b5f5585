using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;

namespace Parvis.Features.Requests.Reporting;

/// <summary>The link e-mailed to a reporter without an account. Opening it shows a button; only the POST sends the report on.</summary>
public class ConfirmModel(ReportCommands commands) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Token { get; set; }
    public int RequestId { get; private set; }

    public void OnGet(int id) => RequestId = id;

    public async Task<IActionResult> OnPostAsync(int id)
    {
        RequestId = id;
        var request = await commands.ConfirmAsync(id, Token);
        TempData["Message"] = "Merci, votre signalement est transmis au service concerné : vous recevrez un e-mail à chaque étape.";
        return Redirect($"/signalements/{request.Id}");
    }
}
