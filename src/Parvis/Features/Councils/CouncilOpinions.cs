using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Councils;

/// <summary>What an animator fills in for an adopted opinion; <see cref="MemberVotes"/> by mandate, when the council publishes them.</summary>
public sealed class OpinionInput
{
    public string? Title { get; set; }
    public string? Text { get; set; }
    public DateOnly? AdoptedOn { get; set; }
    public int? VotesFor { get; set; }
    public int? VotesAgainst { get; set; }
    public int? Abstentions { get; set; }
    public bool PublishMemberVotes { get; set; }
    public Dictionary<int, MemberVote?> MemberVotes { get; set; } = [];
}

/// <summary>Opinions adopted by a council, published at once; the institution answers them with official responses.</summary>
public sealed class CouncilOpinions(ParvisDbContext db, AuditLog audit, TimeProvider clock, TenantContext tenant)
{
    public async Task<CouncilOpinion> AdoptAsync(int councilId, OpinionInput input)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(tenant.Organization.ToLocal(now));
        var mandates = await db.CouncilMandates.Where(m => m.CouncilId == councilId).ToListAsync();
        var votes = input.PublishMemberVotes
            ? input.MemberVotes.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!.Value)
            : null;
        if (input.PublishMemberVotes && votes!.Count == 0) throw new DomainException("Indiquez le vote d'au moins un membre, ou ne publiez que les nombres de voix.");
        if (votes is not null && votes.Values.Any(v => !Enum.IsDefined(v))) throw new DomainException("Choisissez un vote de la liste.");
        var opinion = CouncilOpinion.Adopt(councilId, input.Title, input.Text, input.AdoptedOn, today,
            input.VotesFor, input.VotesAgainst, input.Abstentions, votes, mandates, now);
        // The votes need the opinion's id: one transaction, so an opinion never stands without its votes.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.CouncilOpinions.Add(opinion);
        await db.SaveChangesAsync();
        if (votes is not null)
            db.CouncilOpinionVotes.AddRange(votes.Select(v => new CouncilOpinionVote { OpinionId = opinion.Id, MandateId = v.Key, Vote = v.Value }));
        audit.Record("council.opinion.adopt", "CouncilOpinion", opinion.Id, $"{opinion.VotesFor} / {opinion.VotesAgainst} / {opinion.Abstentions}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return opinion;
    }
}
