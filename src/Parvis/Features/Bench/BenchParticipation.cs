using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Bench;

/// <summary>
/// Proposals and petitions of the bench organizations: per organization a boîte à idées open permanently with
/// proposals in proportion to its citizens (supports heavy-tailed), and <see cref="PetitionsPerOrganization"/> open
/// petitions signed by some of its citizens. Counters (<see cref="Proposal.SupportCount"/>, the count shards) are
/// computed before their rows are written, and the rows follow them exactly.
/// </summary>
public sealed class BenchParticipation(BenchPlan plan, IReadOnlyList<BenchOrganization> organizations)
{
    public const int CitizensPerProposal = 20;
    public const int PetitionsPerOrganization = 3;
    /// <summary>Share of the organization's citizens who signed its first, second and third petition.</summary>
    private static readonly double[] SignerShares = [0.25, 0.08, 0.02];
    /// <summary>Below the default agenda threshold (5,000): no agenda item to make up.</summary>
    public const int MaxSignatures = 4_000;
    /// <summary>About one signature in 20 waits for its e-mail confirmation: a row that does not count.</summary>
    public const int UnconfirmedEvery = 20;
    private const int ResponseThreshold = 1000;
    private const int SponsorsPerPetition = 5;

    private int[] _proposalsPerOrganization = [];
    private int[] _supports = [];

    private Random RandomFor(int table) => new(unchecked((plan.Seed * 7919) + table) & int.MaxValue);

    private DateTime MinutesAgo(int minutes) => plan.Now.AddMinutes(-minutes);

    public async Task<long> AddProposalsAsync(ParvisDbContext db, BulkWriter writer)
    {
        var random = RandomFor(20);
        var spaces = new int[organizations.Count];
        for (var org = 0; org < organizations.Count; org++)
        {
            var space = new ProposalSpace
            {
                OrganizationId = organizations[org].Id,
                Title = "Boîte à idées",
                DescriptionMarkdown = "Proposez vos idées pour la commune ; les plus soutenues sont étudiées par les services.",
                TerritoryId = organizations[org].CommuneId,
                ServiceName = "Service voirie",
                PublishedAt = plan.Now.AddDays(-400),
            };
            db.ProposalSpaces.Add(space);
            await db.SaveChangesAsync();
            spaces[org] = space.Id;
        }
        db.ChangeTracker.Clear();

        _proposalsPerOrganization = plan.UsersPerOrganization.Select(u => Math.Max(2, u / CitizensPerProposal)).ToArray();
        _supports = new int[_proposalsPerOrganization.Sum()];
        var index = 0;
        for (var org = 0; org < organizations.Count; org++)
            for (var k = 0; k < _proposalsPerOrganization[org]; k++)
                _supports[index++] = Math.Min(plan.UsersPerOrganization[org], (int)(2 * Math.Pow(1 - random.NextDouble(), -0.9)) - 2);
        var written = await writer.WriteAsync(Proposals(spaces));
        await writer.ResetIdentityAsync<Proposal>();
        return written;
    }

    private IEnumerable<Proposal> Proposals(int[] spaces)
    {
        var random = RandomFor(21);
        var id = 0;
        for (var org = 0; org < organizations.Count; org++)
            for (var k = 0; k < _proposalsPerOrganization[org]; k++)
            {
                var title = BenchText.ContributionTitle(random);
                var body = BenchText.ContributionBody(random);
                yield return new Proposal
                {
                    Id = ++id,
                    OrganizationId = organizations[org].Id,
                    SpaceId = spaces[org],
                    Title = title,
                    Body = body,
                    TerritoryId = organizations[org].QuartierIds[random.Next(organizations[org].QuartierIds.Length)],
                    AuthorId = BenchRows.UserId(org, BenchRows.Staff.Citizen, 1 + random.Next(plan.UsersPerOrganization[org])),
                    Status = ProposalState.Published,
                    State = ModerationState.Published,
                    SupportCount = _supports[id - 1],
                    CreatedAt = MinutesAgo(60 * 24 * (1 + random.Next(300))),
                    SearchTerms = FrenchText.SearchTerms(title, body, Proposal.MaxSearchTerms),
                };
            }
    }

    /// <summary>Exactly <see cref="Proposal.SupportCount"/> supports per proposal, from distinct citizens; call after <see cref="AddProposalsAsync"/>.</summary>
    public IEnumerable<ProposalSupport> ProposalSupports()
    {
        var random = RandomFor(22);
        var id = 0L;
        var proposal = 0;
        for (var org = 0; org < organizations.Count; org++)
            for (var k = 0; k < _proposalsPerOrganization[org]; k++, proposal++)
            {
                var people = Distinct(random, plan.UsersPerOrganization[org]);
                for (var s = 0; s < _supports[proposal]; s++)
                    yield return new ProposalSupport
                    {
                        Id = ++id,
                        OrganizationId = organizations[org].Id,
                        ProposalId = proposal + 1,
                        UserId = BenchRows.UserId(org, BenchRows.Staff.Citizen, people(s)),
                        CreatedAt = MinutesAgo(random.Next(60 * 24 * 30)),
                    };
            }
    }

    /// <summary>Open petitions (the default rules: a confirmed e-mail), their sponsors and count shards; signatures are streamed by <see cref="Signatures"/>.</summary>
    public async Task<List<(int PetitionId, int Organization, int Confirmed)>> AddPetitionsAsync(ParvisDbContext db)
    {
        var random = RandomFor(23);
        var petitions = new List<(Petition Petition, int Organization, int Confirmed)>();
        for (var org = 0; org < organizations.Count; org++)
        {
            var population = plan.UsersPerOrganization[org];
            for (var k = 0; k < PetitionsPerOrganization; k++)
            {
                var signers = Math.Min(MaxSignatures, Math.Max(1, (int)Math.Round(population * SignerShares[k])));
                var confirmed = signers - (signers / UnconfirmedEvery);
                var published = plan.Now.AddDays(-10 - (5 * k));
                var petition = new Petition
                {
                    OrganizationId = organizations[org].Id,
                    TerritoryId = organizations[org].CommuneId,
                    AuthorId = BenchRows.UserId(org, BenchRows.Staff.Citizen, 1 + random.Next(population)),
                    Title = BenchText.ConsultationTitle(random),
                    Request = BenchText.ContributionBody(random),
                    Reasons = BenchText.ContributionBody(random),
                    Addressee = "Le conseil municipal",
                    Status = PetitionStatus.Open,
                    CreatedAt = published.AddDays(-3),
                    SubmittedAt = published.AddDays(-2),
                    PublishedAt = published,
                    ClosesAt = published.AddDays(90),
                    SignLevel = ParticipationLevel.AnyoneWithConfirmedEmail,
                    ResponseThreshold = ResponseThreshold,
                    AgendaThreshold = 5000,
                    ResponseDeadlineDays = 90,
                };
                // As PetitionThresholds does when the count crosses the response threshold.
                if (confirmed >= ResponseThreshold)
                {
                    petition.ResponseThresholdReachedAt = published.AddDays(1);
                    petition.ResponseDueAt = petition.ResponseThresholdReachedAt.Value.AddDays(petition.ResponseDeadlineDays);
                }
                db.Petitions.Add(petition);
                petitions.Add((petition, org, confirmed));
            }
        }
        await db.SaveChangesAsync();
        foreach (var (petition, org, confirmed) in petitions)
        {
            var sponsors = Distinct(random, plan.UsersPerOrganization[org]);
            for (var s = 0; s < Math.Min(SponsorsPerPetition, plan.UsersPerOrganization[org]); s++)
                db.PetitionSponsors.Add(new PetitionSponsor
                {
                    OrganizationId = petition.OrganizationId,
                    PetitionId = petition.Id,
                    UserId = BenchRows.UserId(org, BenchRows.Staff.Citizen, sponsors(s)),
                    CreatedAt = petition.CreatedAt.AddHours(1 + s),
                });
            for (var shard = 0; shard < PetitionCountShard.Shards; shard++)
            {
                var count = (confirmed / PetitionCountShard.Shards) + (shard < confirmed % PetitionCountShard.Shards ? 1 : 0);
                if (count > 0)
                    db.PetitionCountShards.Add(new PetitionCountShard { OrganizationId = petition.OrganizationId, PetitionId = petition.Id, Shard = shard, Count = count });
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return petitions.Select(p => (p.Petition.Id, p.Organization, p.Confirmed)).ToList();
    }

    /// <summary>Citizens who signed with their account, <c>Confirmed</c> of them confirmed, the others (about 1 in 20) not yet.</summary>
    public IEnumerable<PetitionSignature> Signatures(IEnumerable<(int PetitionId, int Organization, int Confirmed)> petitions)
    {
        var random = RandomFor(24);
        var id = 0L;
        foreach (var (petitionId, org, confirmed) in petitions)
        {
            var signers = Math.Min(plan.UsersPerOrganization[org], confirmed + Math.Max(1, confirmed / (UnconfirmedEvery - 1)));
            var people = Distinct(random, plan.UsersPerOrganization[org]);
            for (var s = 0; s < signers; s++)
            {
                // The latest signers are the ones still to confirm.
                var confirms = s < confirmed;
                var n = people(s);
                var email = EmailAddress.Parse($"user{n}@{organizations[org].Domain}");
                var signedAt = MinutesAgo(1 + random.Next(60 * 24 * 9));
                yield return new PetitionSignature
                {
                    Id = ++id,
                    OrganizationId = organizations[org].Id,
                    PetitionId = petitionId,
                    UserId = BenchRows.UserId(org, BenchRows.Staff.Citizen, n),
                    Name = $"{BenchText.FirstNames[random.Next(BenchText.FirstNames.Length)]} {BenchText.LastNames[random.Next(BenchText.LastNames.Length)]}",
                    Email = email.Typed,
                    CanonicalEmail = email.Canonical,
                    EmailDomain = email.Domain,
                    PostalCode = (75001 + random.Next(20)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    IpAddress = $"192.0.2.{1 + random.Next(254)}",
                    CreatedAt = signedAt,
                    LinkSentAt = signedAt,
                    ConfirmedAt = confirms ? signedAt.AddMinutes(3) : null,
                };
            }
        }
    }

    private static readonly long[] Strides = [1_000_003, 1_000_033, 1_000_037, 1_000_039];

    // k ↦ start + k·p (mod n), p a prime larger than n: n distinct citizens (numbered from 1).
    private static Func<int, int> Distinct(Random random, int population)
    {
        long start = random.Next(population);
        var stride = Strides[random.Next(Strides.Length)];
        return k => 1 + (int)((start + (k * stride)) % population);
    }
}
