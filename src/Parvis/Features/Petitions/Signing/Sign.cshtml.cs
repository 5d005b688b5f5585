using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions.Signing;

/// <summary>
/// Where the signing form posts. Success goes back to the petition page with a notice; a refusal shows the
/// form again here with its French message (what is typed stays), which also works without JavaScript.
/// </summary>
[RateLimited(RateLimits.Signing), QueuedWrites]
public class SignModel(SignatureCommands commands, SigningForms forms) : PageModel, IRedisplaysBrokenRules
{
    public Petition Petition { get; private set; } = null!;
    public SigningForm Form { get; private set; } = null!;

    [BindProperty] public SignInput Input { get; set; } = new(null, null, null, null);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Form = await forms.ForAsync(User, Petition);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        await commands.SignAsync(User, id, Input, HttpContext.Connection.RemoteIpAddress?.ToString());
        // The same words whether or not this address signed before: the e-mail tells its owner.
        TempData["Message"] = "Merci ! Un e-mail vient de vous être envoyé : votre signature comptera quand vous aurez ouvert le lien qu'il contient.";
        return Redirect($"/petitions/{id}");
    }

    public async Task<bool> ReloadAfterBrokenRuleAsync()
    {
        Form = await forms.ForAsync(User, Petition, Input);
        Form.ShowErrors = true;
        return true;
    }

    public string BrokenRuleField(string? handler) => "Input";

    private async Task<bool> LoadAsync(int id)
    {
        var petition = await commands.PetitionAsyncOrNull(id);
        if (petition is not { IsPublic: true }) return false;
        Petition = petition;
        return true;
    }
}
