using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Responses;

/// <summary>A draft and what it answers: its link, its heading (French, translated in the view) and an excerpt.</summary>
public sealed record Draft(int Id, string SubjectUrl, string SubjectHeading, int SubjectId, string SubjectText, string Body, string Signature, DateTime DraftedAt);

/// <summary>Drafted official responses waiting for validation, with what each answers: for validators, and for the agent who wrote them.</summary>
public sealed class ResponseDrafts(ParvisDbContext db)
{
    public const int Shown = 100;

    public Task<List<Draft>> AllAsync() => ListAsync(r => true);

    public Task<List<Draft>> DraftedByAsync(Guid agentId) => ListAsync(r => r.DraftedById == agentId);

    private async Task<List<Draft>> ListAsync(Expression<Func<OfficialResponse, bool>> filter)
    {
        var drafts = await db.OfficialResponses.AsNoTracking()
            .Where(r => r.Status == ResponseStatus.Draft).Where(filter).OrderBy(r => r.DraftedAt)
            .Select(r => new { r.Id, r.ContributionId, r.ProposalId, r.PetitionId, r.CouncilOpinionId, r.Body, r.SignatureLabel, r.DraftedAt })
            .Take(Shown).ToListAsync();
        var contributionIds = drafts.Where(d => d.ContributionId is not null).Select(d => d.ContributionId!.Value).ToList();
        var contributions = await db.Contributions.AsNoTracking().Where(c => contributionIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Body);
        var petitionIds = drafts.Where(d => d.PetitionId is not null).Select(d => d.PetitionId!.Value).ToList();
        var petitions = await db.Petitions.AsNoTracking().Where(p => petitionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title + " — " + p.Request);
        var proposalIds = drafts.Where(d => d.ProposalId is not null).Select(d => d.ProposalId!.Value).ToList();
        var proposals = await db.Proposals.AsNoTracking().Where(p => proposalIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title + " — " + p.Body);
        var opinionIds = drafts.Where(d => d.CouncilOpinionId is not null).Select(d => d.CouncilOpinionId!.Value).ToList();
        var opinions = await db.CouncilOpinions.AsNoTracking().Where(o => opinionIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Title + " — " + o.TextMarkdown);
        return drafts.Select(d => new OfficialResponse { ContributionId = d.ContributionId, ProposalId = d.ProposalId, PetitionId = d.PetitionId, CouncilOpinionId = d.CouncilOpinionId, Body = d.Body, SignatureLabel = d.SignatureLabel }.Subject switch
        {
            { Kind: ResponseSubjectKind.Contribution } s => new Draft(d.Id, $"/contributions/{s.Id}", "Contribution n° {0}", s.Id, contributions.GetValueOrDefault(s.Id, ""), d.Body, d.SignatureLabel, d.DraftedAt),
            { Kind: ResponseSubjectKind.Proposal } s => new Draft(d.Id, $"/propositions/{s.Id}", "Proposition n° {0}", s.Id, proposals.GetValueOrDefault(s.Id, ""), d.Body, d.SignatureLabel, d.DraftedAt),
            { Kind: ResponseSubjectKind.Petition } s => new Draft(d.Id, $"/petitions/{s.Id}", "Pétition n° {0}", s.Id, petitions.GetValueOrDefault(s.Id, ""), d.Body, d.SignatureLabel, d.DraftedAt),
            { Kind: ResponseSubjectKind.Opinion } s => new Draft(d.Id, $"/conseils/avis/{s.Id}", "Avis de conseil n° {0}", s.Id, opinions.GetValueOrDefault(s.Id, ""), d.Body, d.SignatureLabel, d.DraftedAt),
            var s => new Draft(d.Id, "", "n° {0}", s.Id, "", d.Body, d.SignatureLabel, d.DraftedAt),
        }).ToList();
    }
}
