using Microsoft.EntityFrameworkCore;
using Parvis.Domain;

namespace Parvis.Testing;

/// <summary>Sets up proposals spaces and proposals for a test, so tests never share a space's list or similar proposals.</summary>
public static class ProposalData
{
    /// <summary>A published, permanent space of organization A (or the given one) on its commune, studied by the demo "Service urbanisme".</summary>
    public static Task<int> NewProposalSpaceAsync(this ParvisFactory app, Action<ProposalSpace>? adjust = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var commune = await db.Territories.Where(t => t.Kind == TerritoryKind.Commune).Select(t => t.Id).FirstAsync();
            var space = new ProposalSpace
            {
                Title = "Espace " + Guid.NewGuid().ToString("N")[..8],
                TerritoryId = commune,
                ServiceName = "Service urbanisme",
                PublishedAt = DateTime.UtcNow.AddDays(-1),
            };
            space.Categories.Add(new ProposalCategory { Name = "Mobilités", Position = 1 });
            space.Categories.Add(new ProposalCategory { Name = "Nature", Position = 2 });
            adjust?.Invoke(space);
            db.ProposalSpaces.Add(space);
            await db.SaveChangesAsync();
            return space.Id;
        });

    /// <summary>A published proposal written straight into the database, by the given author (or nobody).</summary>
    public static Task<int> AddProposalAsync(this ParvisFactory app, int spaceId, string title, string body, Guid? authorId = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var territory = await db.ProposalSpaces.Where(s => s.Id == spaceId).Select(s => s.TerritoryId).SingleAsync();
            var proposal = new Proposal
            {
                SpaceId = spaceId,
                Title = title,
                Body = body,
                TerritoryId = territory,
                AuthorId = authorId,
                CreatedAt = DateTime.UtcNow,
                State = ModerationState.Published,
                SearchTerms = FrenchText.SearchTerms(title, body, Proposal.MaxSearchTerms),
            };
            db.Proposals.Add(proposal);
            await db.SaveChangesAsync();
            return proposal.Id;
        });

    public static Task<Proposal> ProposalAsync(this ParvisFactory app, int id) =>
        app.InAAsync(db => db.Proposals.AsNoTracking().SingleAsync(p => p.Id == id));

    /// <summary>The support rows of a proposal, counted in the database (not the stored counter).</summary>
    public static Task<int> SupportRowsAsync(this ParvisFactory app, int proposalId) =>
        app.InAAsync(db => db.ProposalSupports.CountAsync(s => s.ProposalId == proposalId));
}
