namespace Parvis.Features.Bench;

/// <summary>What the generator will write, decided up front so every counter is known before its row is written.</summary>
/// <remarks>
/// Sizes scale linearly with <see cref="Scale"/>. Activity is skewed twice: organizations by a Zipf law (org 01
/// largest), consultations inside an organization by another (the first one busiest), and org 01's first
/// consultation holds <see cref="BusiestShare"/> of all contributions. Per contribution only small arrays are
/// kept (about 20 bytes), never the rows.
/// </remarks>
public sealed class BenchPlan
{
    public const int Organizations = 20;
    public const int QuartiersPerOrganization = 8;
    public const int BusyThreadComments = 500;
    public const double BusiestShare = 0.07;
    public const int MinimumUsersPerOrganization = 20;

    public double Scale { get; }
    public int Seed { get; }
    public DateTime Now { get; }

    public int[] UsersPerOrganization { get; }
    public int[] ConsultationsPerOrganization { get; }
    /// <summary>Index of each organization's first consultation in the global consultation order.</summary>
    public int[] FirstConsultationOf { get; }
    public int[] OrganizationOfConsultation { get; }
    public int[] ContributionsPerConsultation { get; }
    public int[] FirstContributionOf { get; }
    public ConsultationSchedule[] Schedules { get; }

    public int ContributionCount { get; }
    public int[] ReactionCount { get; }
    public int[] AgreeCount { get; }
    public int[] CommentCount { get; }
    public byte[] FlagCount { get; }
    public byte[] ModerationState { get; }
    /// <summary>Minutes before <see cref="Now"/> at which each contribution was written.</summary>
    public int[] CreatedMinutesAgo { get; }
    /// <summary>Hours between a contribution and its official answer; 0 when unanswered.</summary>
    public ushort[] AnswerDelayHours { get; }

    public int BusyThreadContribution => FirstContributionOf[0];

    public BenchPlan(double scale, int seed, DateTime now)
    {
        Scale = scale;
        Seed = seed;
        Now = now;
        var random = new Random(seed);
        var organizationWeights = Enumerable.Range(1, Organizations).Select(k => Math.Pow(k, -0.8)).ToArray();

        UsersPerOrganization = Apportion.Split(Scaled(200_000, Organizations * MinimumUsersPerOrganization), organizationWeights, MinimumUsersPerOrganization);
        ConsultationsPerOrganization = Apportion.Split(Scaled(2_000, Organizations), organizationWeights, 1);
        FirstConsultationOf = Offsets(ConsultationsPerOrganization);
        var consultations = ConsultationsPerOrganization.Sum();
        OrganizationOfConsultation = new int[consultations];
        for (var org = 0; org < Organizations; org++)
            for (var j = 0; j < ConsultationsPerOrganization[org]; j++) OrganizationOfConsultation[FirstConsultationOf[org] + j] = org;

        ContributionCount = Scaled(1_000_000, consultations + 1);
        ContributionsPerConsultation = SplitContributions(organizationWeights);
        FirstContributionOf = Offsets(ContributionsPerConsultation);
        Schedules = Enumerable.Range(0, consultations).Select(c => ConsultationSchedule.Pick(random, c == 0, now)).ToArray();

        CreatedMinutesAgo = new int[ContributionCount];
        for (var c = 0; c < consultations; c++)
        {
            var (newest, oldest) = Schedules[c].ContributionWindowMinutesAgo(now);
            for (var i = FirstContributionOf[c]; i < FirstContributionOf[c] + ContributionsPerConsultation[c]; i++)
                CreatedMinutesAgo[i] = newest + random.Next(Math.Max(1, oldest - newest));
        }

        var userCap = new int[ContributionCount];
        for (var c = 0; c < consultations; c++)
            Array.Fill(userCap, UsersPerOrganization[OrganizationOfConsultation[c]], FirstContributionOf[c], ContributionsPerConsultation[c]);

        ReactionCount = Apportion.Split(Scaled(3_000_000, 0), HeavyTailed(random, ContributionCount, 0.6), 0, userCap);
        AgreeCount = new int[ContributionCount];
        for (var i = 0; i < ContributionCount; i++)
        {
            // Most contributions are liked; some divide.
            var agreeShare = random.NextDouble() < 0.8 ? 0.6 + (0.35 * random.NextDouble()) : 0.2 + (0.4 * random.NextDouble());
            AgreeCount[i] = (int)Math.Round(ReactionCount[i] * agreeShare);
        }

        var commentWeights = HeavyTailed(random, ContributionCount, 0.5);
        commentWeights[BusyThreadContribution] = 0;
        CommentCount = Apportion.Split(Math.Max(0, Scaled(500_000, 0) - BusyThreadComments), commentWeights, 0);
        CommentCount[BusyThreadContribution] = BusyThreadComments;

        FlagCount = new byte[ContributionCount];
        ModerationState = new byte[ContributionCount];
        PickModerationQueue(random);
        AnswerDelayHours = new ushort[ContributionCount];
        for (var i = 0; i < ContributionCount; i++)
        {
            var delay = 2 + random.Next(24 * 20);
            if (random.NextDouble() < 0.015 && ModerationState[i] == (byte)Domain.ModerationState.Published && delay * 60 < CreatedMinutesAgo[i])
                AnswerDelayHours[i] = (ushort)delay;
        }
    }

    public int ConsultationCount => OrganizationOfConsultation.Length;
    public int UserCount => UsersPerOrganization.Sum();
    public long ReactionTotal => ReactionCount.Sum(c => (long)c);
    public long CommentTotal => CommentCount.Sum(c => (long)c);

    public int ConsultationOfContribution(int contribution)
    {
        var index = Array.BinarySearch(FirstContributionOf, contribution);
        if (index >= 0)
        {
            // Consultations without contributions share their offset with the next one: take the last.
            while (index + 1 < FirstContributionOf.Length && FirstContributionOf[index + 1] == contribution) index++;
            return index;
        }
        return ~index - 1;
    }

    private int Scaled(int full, int minimum) => Math.Max(minimum, (int)Math.Round(full * Scale));

    private int[] SplitContributions(double[] organizationWeights)
    {
        var busiest = Math.Max(1, (int)Math.Round(ContributionCount * BusiestShare));
        var perOrganization = Apportion.Split(ContributionCount - busiest, organizationWeights, ConsultationsPerOrganization);
        var result = new int[ConsultationCount];
        for (var org = 0; org < Organizations; org++)
        {
            var first = FirstConsultationOf[org];
            var count = ConsultationsPerOrganization[org];
            // Org 01's busiest consultation is set aside; the others follow Zipf inside their organization.
            var weights = Enumerable.Range(0, count).Select(j => org == 0 && j == 0 ? 0 : Math.Pow(j + 1, -1.0)).ToArray();
            var minimum = weights.Select(w => w > 0 ? 1 : 0).ToArray();
            if (weights.All(w => w == 0))
            {
                result[first] += perOrganization[org];
                continue;
            }
            var split = Apportion.Split(perOrganization[org], weights, minimum);
            Array.Copy(split, 0, result, first, count);
        }
        result[0] += busiest;
        return result;
    }

    private static double[] HeavyTailed(Random random, int count, double exponent)
    {
        var weights = new double[count];
        for (var i = 0; i < count; i++) weights[i] = Math.Pow(1 - random.NextDouble(), -exponent);
        return weights;
    }

    /// <summary>Flags and pre-moderation so each organization's queue holds about 0.08 % of its contributions (org 01: 100+ at full scale).</summary>
    private void PickModerationQueue(Random random)
    {
        for (var org = 0; org < Organizations; org++)
        {
            var from = FirstContributionOf[FirstConsultationOf[org]];
            var to = org + 1 < Organizations ? FirstContributionOf[FirstConsultationOf[org + 1]] : ContributionCount;
            var size = to - from;
            if (size == 0) continue;
            var queue = Math.Min(size - 1, Math.Max(2, (int)Math.Round(size * 0.0008)));
            for (var picked = 0; picked < queue;)
            {
                var i = from + random.Next(size);
                if (i == BusyThreadContribution || ModerationState[i] != (byte)Domain.ModerationState.Published || FlagCount[i] != 0) continue;
                var roll = random.NextDouble();
                if (roll < 0.4) FlagCount[i] = (byte)(1 + random.Next(2));
                else if (roll < 0.7)
                {
                    FlagCount[i] = (byte)(3 + random.Next(2));
                    ModerationState[i] = (byte)Domain.ModerationState.PendingReview;
                }
                else ModerationState[i] = (byte)Domain.ModerationState.PendingReview;
                picked++;
            }
            // A few already hidden by a moderator: outside the queue, still counted on the pages of moderators.
            for (var hidden = 0; hidden < Math.Max(1, queue / 4) && size > queue + 2; hidden++)
            {
                var i = from + random.Next(size);
                if (i == BusyThreadContribution || ModerationState[i] != (byte)Domain.ModerationState.Published || FlagCount[i] != 0) continue;
                ModerationState[i] = (byte)Domain.ModerationState.Hidden;
            }
        }
    }

    private static int[] Offsets(int[] counts)
    {
        var offsets = new int[counts.Length];
        for (var i = 1; i < counts.Length; i++) offsets[i] = offsets[i - 1] + counts[i - 1];
        return offsets;
    }
}
