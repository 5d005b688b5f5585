using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions.Signing;

/// <summary>
/// The link e-mailed to a signer. Opening it shows a button and counts nothing: mail scanners fetch links.
/// The POST counts the signature once, whatever the number of clicks.
/// </summary>
[QueuedWrites]
public class ConfirmSignatureModel(SignatureCommands commands) : PageModel, IRedisplaysBrokenRules
{
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }
    public string? PetitionTitle { get; private set; }

    public async Task OnGetAsync()
    {
        if (await commands.PetitionOfLinkAsync(Token) is { } petitionId)
            PetitionTitle = (await commands.PetitionAsyncOrNull(petitionId))?.Title;
        else
            ModelState.AddModelError("", "Ce lien de confirmation n'est pas valable ou a expiré : signez à nouveau la pétition pour en recevoir un autre.");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (outcome, petitionId) = await commands.ConfirmAsync(Token);
        TempData["Message"] = outcome == ConfirmOutcome.Confirmed
            ? "Merci, votre signature est confirmée : elle compte."
            : "Votre signature était déjà confirmée : elle n'est comptée qu'une fois.";
        // The receipt comes from the link itself: shown again to whoever follows the link again.
        TempData["Receipt"] = PetitionSignature.ReceiptOf(Token!);
        // The fragment tells a script (the benchmark) which answer it got; a person reads the notice.
        return Redirect(outcome == ConfirmOutcome.Confirmed ? $"/petitions/{petitionId}#signature-confirmee" : $"/petitions/{petitionId}#signature-deja-confirmee");
    }
}
