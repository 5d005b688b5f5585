using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Responses;

[Authorize(Policy = Policies.Validate)]
public class QueueModel(ParvisDbContext db, ResponseCommands commands) : PageModel
{
    public sealed record Draft(int Id, int ContributionId, string ContributionText, string Body, string Signature, DateTime DraftedAt);

    public List<Draft> Drafts { get; private set; } = [];

    public async Task OnGetAsync() => Drafts = await db.OfficialResponses.AsNoTracking()
        .Where(r => r.Status == ResponseStatus.Draft).OrderBy(r => r.DraftedAt)
        .Select(r => new Draft(r.Id, r.ContributionId, db.Contributions.Where(c => c.Id == r.ContributionId).Select(c => c.Body).First(), r.Body, r.SignatureLabel, r.DraftedAt))
        .Take(100).ToListAsync();

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
