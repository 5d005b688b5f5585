using Parvis.Features.OpinionMaps;

namespace Parvis.Tests.OpinionMaps;

/// <summary>Conversations built with a known structure: the map must find what was planted.</summary>
public sealed class PlantedCampsTests
{
    private const int Split = 0;
    private const int Shared = 6;

    /// <summary>
    /// Camps of 30: on statements 0–5 camp c agrees when the statement's number modulo <paramref name="camps"/> is c
    /// and disagrees otherwise (with two camps: camp 0 agrees with all six, camp 1 disagrees), except that everyone
    /// agrees with those from <paramref name="splits"/> on; everyone agrees with statement 6; statements 7–11 get
    /// random votes, and one in four is skipped. One vote in twelve is a pass.
    /// </summary>
    private static VoteMatrix Camps(int camps, int seed = 17, int splits = Shared)
    {
        var random = new Random(seed);
        var builder = new VoteMatrix.Builder();
        for (var c = 0; c < camps; c++)
        {
            for (var i = 0; i < 30; i++)
            {
                var who = $"c{c}-{i}";
                for (var s = 0; s < 12; s++)
                {
                    if (s > Shared && random.Next(4) == 0) continue;
                    var vote = s switch
                    {
                        < Shared when s >= splits => 1,
                        < Shared when camps == 2 => c == 0 ? 1 : -1,
                        < Shared => s % camps == c ? 1 : -1,
                        Shared => 1,
                        _ => random.Next(3) - 1,
                    };
                    builder.Vote(who, "s" + s, random.Next(12) == 0 ? 0 : vote);
                }
            }
        }
        return builder.Vote("curieux", "s0", 1).Vote("curieux", "s1", -1).Vote("curieux", "s6", 1).Build();
    }

    private static int GroupOf(OpinionMap map, string participant) =>
        map.Groups[map.Votes.Participants.ToList().IndexOf(participant)] ?? -1;

    [Fact]
    public void Two_camps_are_two_groups_with_the_shared_statement_as_consensus_and_the_split_one_as_representative()
    {
        var map = OpinionMap.Compute(Camps(2));

        Assert.Equal(2, map.GroupCount);
        var first = GroupOf(map, "c0-0");
        var second = GroupOf(map, "c1-0");
        Assert.NotEqual(first, second);
        Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(first, GroupOf(map, $"c0-{i}")));
        Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(second, GroupOf(map, $"c1-{i}")));

        Assert.Contains(new ConsensusStatement(map.Votes.Statements.ToList().IndexOf("s6"), Stance.Agree, 0),
            map.Consensus.Select(c => c with { Probability = 0 }));
        Assert.DoesNotContain(map.Consensus, c => map.Votes.Statements[c.Statement] == "s" + Split);
        var split = map.Votes.Statements.ToList().IndexOf("s" + Split);
        Assert.Contains(map.Representative[first], r => r.Statement == split && r.Stance == Stance.Agree);
        Assert.Contains(map.Representative[second], r => r.Statement == split && r.Stance == Stance.Disagree);
        Assert.DoesNotContain(map.Representative.SelectMany(r => r), r => map.Votes.Statements[r.Statement] == "s6");
    }

    [Fact]
    public void Only_a_significant_difference_makes_a_statement_representative()
    {
        var map = OpinionMap.Compute(Camps(2, splits: 2));

        Assert.Equal(2, map.GroupCount);
        Assert.All(map.Representative, group =>
        {
            // Passes scattered at random can make another statement differ significantly, but far less.
            Assert.Equal(["s0", "s1"], group.Take(2).Select(r => map.Votes.Statements[r.Statement]).Order());
            Assert.True(group.Count < 5);
            Assert.All(group, r => Assert.True(r.ProbabilityTest > OpinionRepness.Z90));
            Assert.All(group, r => Assert.True(r.RatioTest > OpinionRepness.Z90));
        });
    }

    [Fact]
    public void A_participant_with_fewer_than_seven_votes_is_placed_but_not_grouped()
    {
        var map = OpinionMap.Compute(Camps(2));

        Assert.Equal(-1, GroupOf(map, "curieux"));
        Assert.Equal(61, map.Groups.Length);
        Assert.Equal(60, map.Groups.Count(g => g is not null));
    }

    [Fact]
    public void Three_camps_are_three_groups()
    {
        var map = OpinionMap.Compute(Camps(3));

        Assert.Equal(3, map.GroupCount);
        var groups = Enumerable.Range(0, 3).Select(c => GroupOf(map, $"c{c}-0")).ToList();
        Assert.Equal(3, groups.Distinct().Count());
        for (var c = 0; c < 3; c++)
            Assert.All(Enumerable.Range(0, 30), i => Assert.Equal(groups[c], GroupOf(map, $"c{c}-{i}")));
    }

    [Fact]
    public void The_same_votes_give_the_same_groups_and_another_seed_of_noise_the_same_partition()
    {
        var first = OpinionMap.Compute(Camps(2));
        var again = OpinionMap.Compute(Camps(2));
        var other = OpinionMap.Compute(Camps(2, seed: 99));

        Assert.Equal(first.Groups, again.Groups);
        Assert.Equal(1.0, OpinionClustering.AdjustedRand(
            [.. first.Groups.Where(g => g is not null).Select(g => g!.Value)],
            [.. other.Groups.Where(g => g is not null).Select(g => g!.Value)]), precision: 9);
    }

    [Fact]
    public void A_later_vote_replaces_an_earlier_one()
    {
        var votes = new VoteMatrix.Builder().Vote("a", "s1", 1).Vote("b", "s1", -1).Vote("a", "s1", -1).Build();

        Assert.Equal(2, votes.VoteCount);
        Assert.Equal(-1, OpinionPca.Means(votes)[0]);
    }

    [Fact]
    public void The_adjusted_rand_index_ignores_the_groups_names_and_is_about_zero_for_unrelated_partitions()
    {
        Assert.Equal(1.0, OpinionClustering.AdjustedRand([0, 0, 1, 1, 2], [2, 2, 0, 0, 1]), precision: 9);
        Assert.True(OpinionClustering.AdjustedRand([0, 0, 1, 1], [0, 1, 0, 1]) < 0);
    }
}
