using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Responses;

public sealed class ResponseCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string DefaultSignature = "La collectivité";

    public async Task DraftAsync(ClaimsPrincipal agent, int contributionId, string? body)
    {
        var error = OfficialResponse.Validate(body);
        if (error is not null) throw new DomainException(error);
        var agentId = agent.UserId() ?? throw new DomainException("Connectez-vous.");
        if (!await db.Contributions.AnyAsync(c => c.Id == contributionId)) throw new DomainException("Cette contribution n'existe pas.");
        // Signed with the agent's service, never their name (droit de réserve).
        var service = await Infrastructure.Identity.ManageConsultationHandler.AgentServiceAsync(db, agent);
        var response = new OfficialResponse
        {
            ContributionId = contributionId,
            Body = body!.Trim(),
            SignatureLabel = service ?? DefaultSignature,
            DraftedById = agentId,
            DraftedAt = clock.GetUtcNow().UtcDateTime,
            Status = ResponseStatus.Draft,
        };
        db.OfficialResponses.Add(response);
        audit.Record("response.draft", nameof(Contribution), contributionId);
        await db.SaveChangesAsync();
    }

    public async Task PublishAsync(ClaimsPrincipal validator, int responseId)
    {
        var response = await db.OfficialResponses.FirstOrDefaultAsync(r => r.Id == responseId) ?? throw new DomainException("Cette réponse n'existe pas.");
        var contribution = await db.Contributions.FirstAsync(c => c.Id == response.ContributionId);
        response.Publish(validator.UserId() ?? throw new DomainException("Connectez-vous."), contribution, clock.GetUtcNow().UtcDateTime);
        audit.Record("response.publish", nameof(Contribution), contribution.Id,
            $"Délai depuis la contribution : {(response.PublishedAt!.Value - contribution.CreatedAt).TotalHours:0.#} h");
        await db.SaveChangesAsync();
    }
}
