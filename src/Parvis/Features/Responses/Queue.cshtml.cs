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
    /// <summary>A draft and what it answers: its link, its heading (French, translated in the view) and an excerpt.</summary>
    public sealed record Draft(int Id, string SubjectUrl, string SubjectHeading, int SubjectId, string SubjectText, string Body, string Signature, DateTime DraftedAt);

    public List<Draft> Drafts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var drafts = await db.OfficialResponses.AsNoTracking()
            .Where(r => r.Status == ResponseStatus.Draft).OrderBy(r => r.DraftedAt)
            .Select(r => new { r.Id, r.ContributionId, r.ProposalId, r.PetitionId, r.Body, r.SignatureLabel, r.DraftedAt })
            .Take(100).ToListAsync();
        var contributionIds = drafts.Where(d => d.ContributionId is not null).Select(d => d.ContributionId!.Value).ToList();
        var contributions = await db.Contributions.AsNoTracking().Where(c => contributionIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Body);
        var petitionIds = drafts.Where(d => d.PetitionId is not null).Select(d => d.PetitionId!.Value).ToList();
        var petitions = await db.Petitions.AsNoTracking().Where(p => petitionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title + " — " + p.Request);
        Drafts = drafts.Select(d => new OfficialResponse { ContributionId = d.ContributionId, ProposalId = d.ProposalId, PetitionId = d.PetitionId, Body = d.Body, SignatureLabel = d.SignatureLabel }.Subject switch
        {
            { Kind: ResponseSubjectKind.Contribution } s => new Draft(d.Id, $"/contributions/{s.Id}", "Contribution n° {0}", s.Id, contributions.GetValueOrDefault(s.Id, ""), d.Body, d.SignatureLabel, d.DraftedAt),
            { Kind: ResponseSubjectKind.Petition } s => new Draft(d.Id, $"/petitions/{s.Id}", "Pétition n° {0}", s.Id, petitions.GetValueOrDefault(s.Id, ""), d.Body, d.SignatureLabel, d.DraftedAt),
            var s => new Draft(d.Id, "", "n° {0}", s.Id, "", d.Body, d.SignatureLabel, d.DraftedAt),
        }).ToList();
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
