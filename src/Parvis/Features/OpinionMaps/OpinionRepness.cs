namespace Parvis.Features.OpinionMaps;

/// <summary>Whether a statement stands out by agreement or by disagreement.</summary>
public enum Stance
{
    Agree,
    Disagree,
}

/// <summary>
/// A statement that sets a group apart (Pol.is's "repness"): <paramref name="Probability"/> that a member agrees
/// (or disagrees), with pseudocounts; <paramref name="Ratio"/> of that probability to the rest's; the two z-scores.
/// </summary>
public sealed record RepresentativeStatement(
    int Statement, Stance Stance, double Probability, double Ratio, double ProbabilityTest, double RatioTest)
{
    /// <summary>Pol.is ranks by the product of the four.</summary>
    public double Metric => Probability * Ratio * ProbabilityTest * RatioTest;
}

/// <summary>A statement every group agrees (or disagrees) with; <paramref name="Probability"/>: over groups.</summary>
public sealed record ConsensusStatement(int Statement, Stance Stance, double Probability);

/// <summary>
/// Pol.is's representativeness (polismath, repness.clj): per group and statement, agree and disagree counts among
/// the votes cast (a pass counts as a vote), probabilities with a pseudocount of 1, a one-proportion test against 1/2
/// and a two-proportion test against the other participants, kept when both pass at 90 % (z &gt; 1.2816).
/// </summary>
public static class OpinionRepness
{
    /// <summary>One-sided 90 % significance.</summary>
    public const double Z90 = 1.2816;
    public const int PerGroup = 5;

    /// <summary>Votes of each group on each statement: [group][statement] = (agree, disagree, cast).</summary>
    public static (int Agree, int Disagree, int Cast)[][] Count(VoteMatrix votes, int?[] groups, int groupCount)
    {
        var counts = new (int Agree, int Disagree, int Cast)[groupCount][];
        for (var g = 0; g < groupCount; g++) counts[g] = new (int, int, int)[votes.Statements.Count];
        for (var p = 0; p < groups.Length; p++)
        {
            if (groups[p] is not { } g) continue;
            for (var i = votes.RowStart[p]; i < votes.RowStart[p + 1]; i++)
            {
                ref var c = ref counts[g][votes.Columns[i]];
                c = (c.Agree + (votes.Values[i] > 0 ? 1 : 0), c.Disagree + (votes.Values[i] < 0 ? 1 : 0), c.Cast + 1);
            }
        }
        return counts;
    }

    /// <summary>Up to <see cref="PerGroup"/> statements per group, the most representative first.</summary>
    public static List<RepresentativeStatement>[] Representative((int Agree, int Disagree, int Cast)[][] counts)
    {
        var result = new List<RepresentativeStatement>[counts.Length];
        var statements = counts.Length == 0 ? 0 : counts[0].Length;
        for (var g = 0; g < counts.Length; g++)
        {
            var found = new List<RepresentativeStatement>();
            for (var s = 0; s < statements; s++)
            {
                var own = counts[g][s];
                var rest = (Agree: 0, Disagree: 0, Cast: 0);
                for (var h = 0; h < counts.Length; h++)
                {
                    if (h == g) continue;
                    var other = counts[h][s];
                    rest = (rest.Agree + other.Agree, rest.Disagree + other.Disagree, rest.Cast + other.Cast);
                }
                var agree = Stat(s, Stance.Agree, own.Agree, own.Cast, rest.Agree, rest.Cast);
                var disagree = Stat(s, Stance.Disagree, own.Disagree, own.Cast, rest.Disagree, rest.Cast);
                var stat = agree.RatioTest >= disagree.RatioTest ? agree : disagree;
                if (stat.ProbabilityTest > Z90 && stat.RatioTest > Z90) found.Add(stat);
            }
            result[g] = [.. found.OrderByDescending(r => r.Metric).ThenBy(r => r.Statement).Take(PerGroup)];
        }
        return result;
    }

    /// <summary>Statements a significant majority of every group agrees (or disagrees) with, strongest first.</summary>
    public static List<ConsensusStatement> Consensus((int Agree, int Disagree, int Cast)[][] counts)
    {
        var found = new List<ConsensusStatement>();
        var statements = counts.Length == 0 ? 0 : counts[0].Length;
        for (var s = 0; s < statements; s++)
        {
            foreach (var stance in new[] { Stance.Agree, Stance.Disagree })
            {
                var probability = 1.0;
                var everywhere = true;
                foreach (var group in counts)
                {
                    var (agree, disagree, cast) = group[s];
                    var success = stance == Stance.Agree ? agree : disagree;
                    everywhere &= ProportionTest(success, cast) > Z90;
                    probability *= (success + 1.0) / (cast + 2.0);
                }
                if (everywhere && counts.Length > 0) found.Add(new ConsensusStatement(s, stance, probability));
            }
        }
        return [.. found.OrderByDescending(c => c.Probability).ThenBy(c => c.Statement)];
    }

    private static RepresentativeStatement Stat(
        int statement, Stance stance, int success, int cast, int restSuccess, int restCast)
    {
        var probability = (success + 1.0) / (cast + 2.0);
        var restProbability = (restSuccess + 1.0) / (restCast + 2.0);
        return new RepresentativeStatement(statement, stance, probability, probability / restProbability,
            ProportionTest(success, cast), TwoProportionTest(success, cast, restSuccess, restCast));
    }

    /// <summary>Pol.is's prop-test: z of the proportion against 1/2, with a pseudocount of 1.</summary>
    public static double ProportionTest(int success, int n) =>
        2 * Math.Sqrt(n + 1.0) * ((success + 1.0) / (n + 1.0) - 0.5);

    /// <summary>Pol.is's two-prop-test: z of the difference of two proportions, a pseudocount of 1 in each.</summary>
    public static double TwoProportionTest(int success1, int n1, int success2, int n2)
    {
        double s1 = success1 + 1, m1 = n1 + 1, s2 = success2 + 1, m2 = n2 + 1;
        var pooled = (s1 + s2) / (m1 + m2);
        return pooled >= 1 ? 0 : (s1 / m1 - s2 / m2) / Math.Sqrt(pooled * (1 - pooled) * (1 / m1 + 1 / m2));
    }
}
