using Parvis.Domain;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Bench;

/// <summary>The ids of what the generator wrote with Entity Framework, which the streamed rows refer to.</summary>
public sealed record BenchOrganization(int Id, int Number, int CommuneId, int[] QuartierIds)
{
    public string Domain => $"org{Number:00}.bench.localhost";
}

/// <summary>
/// The large tables as lazy streams, in id order, each from its own random source so that one table's
/// rows do not depend on how far another was read. Every counter comes from the <see cref="BenchPlan"/>.
/// </summary>
public sealed class BenchRows(BenchPlan plan, IReadOnlyList<BenchOrganization> organizations, int[] consultationIds)
{
    public const int FirstContributionId = 1;

    public enum Staff { Citizen = 0, Administrator = 1, Moderator = 2, Agent = 3 }

    private readonly List<(long CommentId, int Organization, int Flags)> _flaggedComments = [];

    public static Guid UserId(int organization, Staff kind, int n)
    {
        var bytes = BitConverter.GetBytes((long)n);
        return new Guid(0x62656e63, (short)organization, (short)kind, bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]);
    }

    public static int ContributionId(int index) => FirstContributionId + index;

    private Random RandomFor(int table) => new(unchecked((plan.Seed * 7919) + table) & int.MaxValue);

    private DateTime MinutesAgo(int minutes) => plan.Now.AddMinutes(-minutes);

    /// <summary>Citizens user1…userN of each organization, then its staff; one password hash for all.</summary>
    public IEnumerable<ParvisUser> Users(string passwordHash, Func<string, string> normalizeName, Func<string, string> normalizeEmail)
    {
        var random = RandomFor(1);
        for (var org = 0; org < organizations.Count; org++)
        {
            var domain = organizations[org].Domain;
            for (var n = 1; n <= plan.UsersPerOrganization[org]; n++)
                yield return User(random, org, Staff.Citizen, n, $"user{n}@{domain}", BenchText.Pseudonym(random, n));
            yield return User(random, org, Staff.Administrator, 0, $"admin@{domain}", "Administration");
            yield return User(random, org, Staff.Moderator, 0, $"moderation@{domain}", "Modération");
            yield return User(random, org, Staff.Agent, 0, $"agent@{domain}", "Service voirie");
        }

        ParvisUser User(Random r, int org, Staff kind, int n, string email, string pseudonym) => new()
        {
            Id = UserId(org, kind, n),
            OrganizationId = organizations[org].Id,
            UserName = email,
            NormalizedUserName = normalizeName(email),
            Email = email,
            NormalizedEmail = normalizeEmail(email),
            EmailConfirmed = true,
            PasswordHash = passwordHash,
            SecurityStamp = RandomGuid(r).ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = RandomGuid(r).ToString(),
            LockoutEnabled = true,
            Pseudonym = pseudonym,
            FirstName = BenchText.FirstNames[r.Next(BenchText.FirstNames.Length)],
            LastName = BenchText.LastNames[r.Next(BenchText.LastNames.Length)],
            CreatedAt = plan.Now.AddDays(-r.Next(700) - 1),
        };
    }

    public IEnumerable<Contribution> Contributions()
    {
        var random = RandomFor(2);
        for (var c = 0; c < plan.ConsultationCount; c++)
        {
            var org = plan.OrganizationOfConsultation[c];
            var organization = organizations[org];
            var inquiry = plan.Schedules[c].Frame == LegalFrame.PublicInquiry;
            var register = 0;
            for (var i = plan.FirstContributionOf[c]; i < plan.FirstContributionOf[c] + plan.ContributionsPerConsultation[c]; i++)
            {
                var offline = random.NextDouble() < 0.03;
                var state = (ModerationState)plan.ModerationState[i];
                var answered = plan.AnswerDelayHours[i] > 0;
                yield return new Contribution
                {
                    Id = ContributionId(i),
                    OrganizationId = organization.Id,
                    ConsultationId = consultationIds[c],
                    TerritoryId = organization.QuartierIds[random.Next(organization.QuartierIds.Length)],
                    AuthorId = offline ? null : UserId(org, Staff.Citizen, ActiveUser(random, org)),
                    OfflineAuthorName = offline ? $"{BenchText.FirstNames[random.Next(BenchText.FirstNames.Length)]} {BenchText.LastNames[random.Next(BenchText.LastNames.Length)]}" : null,
                    EnteredById = offline ? UserId(org, Staff.Agent, 0) : null,
                    Channel = offline ? (Channel)(1 + random.Next(4)) : Channel.Online,
                    Title = random.NextDouble() < 0.7 ? BenchText.ContributionTitle(random) : null,
                    Body = BenchText.ContributionBody(random),
                    RegisterNumber = inquiry ? ++register : null,
                    CreatedAt = MinutesAgo(plan.CreatedMinutesAgo[i]),
                    AgreeCount = plan.AgreeCount[i],
                    DisagreeCount = plan.ReactionCount[i] - plan.AgreeCount[i],
                    CommentCount = plan.CommentCount[i],
                    OpenFlagCount = plan.FlagCount[i],
                    State = state,
                    ModerationReason = state switch
                    {
                        ModerationState.PendingReview => plan.FlagCount[i] > 0 ? ModeratedItem.AutoHiddenReason : ModeratedItem.PendingReason,
                        ModerationState.Hidden => "Propos contraires à la charte.",
                        _ => null,
                    },
                    FirstAnsweredAt = answered ? MinutesAgo(plan.CreatedMinutesAgo[i] - (plan.AnswerDelayHours[i] * 60)) : null,
                };
            }
        }
    }

    /// <summary>One reaction per person per contribution: people are taken along a prime stride, which never repeats one.</summary>
    public IEnumerable<Reaction> Reactions()
    {
        var random = RandomFor(3);
        var id = 0L;
        foreach (var (i, org) in ContributionsWithOrganization())
        {
            var people = DistinctPeople(random, org, plan.ReactionCount[i]);
            for (var k = 0; k < plan.ReactionCount[i]; k++)
            {
                yield return new Reaction
                {
                    Id = ++id,
                    OrganizationId = organizations[org].Id,
                    ContributionId = ContributionId(i),
                    UserId = UserId(org, Staff.Citizen, people(k)),
                    Kind = k < plan.AgreeCount[i] ? ReactionKind.Agree : ReactionKind.Disagree,
                    CreatedAt = MinutesAgo(random.Next(Math.Max(1, plan.CreatedMinutesAgo[i]))),
                };
            }
        }
    }

    /// <summary>Threads up to depth 3, in time order; a few comments carry open flags (below the hiding threshold).</summary>
    public IEnumerable<Comment> Comments()
    {
        var random = RandomFor(4);
        var id = 0L;
        var thread = new List<(long Id, int Depth)>();
        foreach (var (i, org) in ContributionsWithOrganization())
        {
            var count = plan.CommentCount[i];
            if (count == 0) continue;
            thread.Clear();
            var step = Math.Max(1, Math.Min(plan.CreatedMinutesAgo[i], 60 * 24 * 60) / (count + 1));
            for (var k = 0; k < count; k++)
            {
                long? parent = null;
                var depth = 1;
                if (thread.Count > 0 && random.NextDouble() < 0.35)
                {
                    var candidate = thread[random.Next(thread.Count)];
                    if (candidate.Depth < Comment.MaxDepth) (parent, depth) = (candidate.Id, candidate.Depth + 1);
                }
                var flags = random.NextDouble() < 0.0008 ? 1 + random.Next(2) : 0;
                thread.Add((++id, depth));
                if (flags > 0) _flaggedComments.Add((id, org, flags));
                yield return new Comment
                {
                    Id = id,
                    OrganizationId = organizations[org].Id,
                    ContributionId = ContributionId(i),
                    ParentId = parent,
                    Depth = depth,
                    AuthorId = UserId(org, Staff.Citizen, ActiveUser(random, org)),
                    Body = BenchText.CommentBody(random),
                    Stance = (Stance)random.Next(3),
                    CreatedAt = MinutesAgo(Math.Max(0, plan.CreatedMinutesAgo[i] - ((k + 1) * step))),
                    State = ModerationState.Published,
                    OpenFlagCount = flags,
                };
            }
        }
    }

    public IEnumerable<Flag> Flags()
    {
        var random = RandomFor(5);
        var id = 0L;
        foreach (var (i, org) in ContributionsWithOrganization())
        {
            if (plan.FlagCount[i] == 0) continue;
            var people = DistinctPeople(random, org, plan.FlagCount[i]);
            for (var k = 0; k < plan.FlagCount[i]; k++)
            {
                yield return new Flag
                {
                    Id = ++id,
                    OrganizationId = organizations[org].Id,
                    ContributionId = ContributionId(i),
                    UserId = UserId(org, Staff.Citizen, people(k)),
                    Reason = BenchText.FlagReason(random),
                    CreatedAt = MinutesAgo(random.Next(Math.Max(1, plan.CreatedMinutesAgo[i]))),
                };
            }
        }
    }

    /// <summary>Flags of the comments marked while <see cref="Comments"/> was read: read that stream first.</summary>
    public IEnumerable<CommentFlag> CommentFlags()
    {
        var random = RandomFor(6);
        var id = 0L;
        foreach (var (commentId, org, flags) in _flaggedComments)
        {
            var people = DistinctPeople(random, org, flags);
            for (var k = 0; k < flags; k++)
                yield return new CommentFlag
                {
                    Id = ++id,
                    OrganizationId = organizations[org].Id,
                    CommentId = commentId,
                    UserId = UserId(org, Staff.Citizen, people(k)),
                    Reason = BenchText.FlagReason(random),
                    CreatedAt = plan.Now.AddHours(-random.Next(1, 48)),
                };
        }
    }

    /// <summary>Published answers, drafted by the agent and validated by the administrator; they set FirstAnsweredAt.</summary>
    public IEnumerable<OfficialResponse> OfficialResponses()
    {
        var id = 0;
        foreach (var (i, org) in ContributionsWithOrganization())
        {
            if (plan.AnswerDelayHours[i] == 0) continue;
            var answeredAt = MinutesAgo(plan.CreatedMinutesAgo[i] - (plan.AnswerDelayHours[i] * 60));
            yield return new OfficialResponse
            {
                Id = ++id,
                OrganizationId = organizations[org].Id,
                ContributionId = ContributionId(i),
                Body = "Merci pour votre contribution. Les services étudient votre proposition et reviendront vers les habitants lors de la synthèse.",
                SignatureLabel = "Service voirie",
                DraftedById = UserId(org, Staff.Agent, 0),
                DraftedAt = answeredAt.AddHours(-1),
                Status = ResponseStatus.Published,
                ValidatedById = UserId(org, Staff.Administrator, 0),
                PublishedAt = answeredAt,
            };
        }
    }

    private IEnumerable<(int Index, int Organization)> ContributionsWithOrganization()
    {
        for (var c = 0; c < plan.ConsultationCount; c++)
            for (var i = plan.FirstContributionOf[c]; i < plan.FirstContributionOf[c] + plan.ContributionsPerConsultation[c]; i++)
                yield return (i, plan.OrganizationOfConsultation[c]);
    }

    // A few people write much more than the others.
    private int ActiveUser(Random random, int org)
    {
        var u = random.NextDouble();
        return 1 + (int)(u * u * plan.UsersPerOrganization[org]);
    }

    private static readonly long[] Strides = [1_000_003, 1_000_033, 1_000_037, 1_000_039, 1_000_081, 1_000_099, 1_000_117, 1_000_121];

    // Primes larger than any organization's population: k ↦ start + k·p (mod n) visits n distinct people.
    private Func<int, int> DistinctPeople(Random random, int org, int count)
    {
        var population = plan.UsersPerOrganization[org];
        if (count > population) throw new InvalidOperationException($"{count} distinct people asked in an organization of {population}.");
        long start = random.Next(population);
        var stride = Strides[random.Next(Strides.Length)];
        return k => 1 + (int)((start + (k * stride)) % population);
    }

    private static Guid RandomGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
