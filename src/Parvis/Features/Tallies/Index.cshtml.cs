using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;

namespace Parvis.Features.Tallies;

/// <summary>
/// "Vérifier un reçu": anyone types a receipt and sees where it is counted, sealed or waiting. A GET form: it changes
/// nothing, needs no token, and a receipt can be linked.
/// </summary>
public class IndexModel(TallyVerification verification) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "recu")] public string? Typed { get; set; }
    public string? Receipt { get; private set; }
    public List<ReceiptFinding>? Findings { get; private set; }

    public async Task OnGetAsync()
    {
        if (!Request.Query.ContainsKey("recu")) return;
        Receipt = Domain.Receipt.Normalize(Typed);
        if (Receipt is null)
        {
            ModelState.AddModelError("recu", "Ce reçu n'a pas la bonne forme : 12 caractères, lettres et chiffres, comme « ABCD-EFGH-JKMN ».");
            return;
        }
        Findings = await verification.FindAsync(Receipt);
    }

    public static string LogPath(string item, int id) => $"/verifier/{item}/{id}";

    public static string KindOf(string item) => item == TallyItems.Petition ? "Pétition" : item == TallyItems.Proposal ? "Proposition" : item;
}
