namespace Parvis.Tests.Budgets;

/// <summary>Small elections written by hand; their outcomes are worked out in the tests that use them.</summary>
internal static class PbFiles
{
    /// <summary>
    /// Two neighbourhoods: voters 1–4 want projects 1 and 2, voters 5–6 want 3 and 4; budget 100. Extra columns
    /// (votes, name with a ';', category, age, sex) and META keys kept as written.
    /// </summary>
    public const string TwoNeighbourhoods = """
        META
        key;value
        description;Exemple A : deux quartiers
        country;France
        unit;Ville-Exemple
        instance;2026
        num_projects;4
        num_votes;6
        budget;100
        vote_type;approval
        rule;greedy
        PROJECTS
        project_id;cost;votes;name;category
        1;60;4;Gymnase;sport
        2;40;4;"Jardin; partagé";environment,nature
        3;30;2;Bancs;urban greenery
        4;30;2;Fontaine;
        VOTES
        voter_id;age;sex;vote
        1;34;F;1,2
        2;51;M;2,1
        3;;F;1,2
        4;22;M;1,2
        5;40;F;3,4
        6;19;M;4,3

        """;

    /// <summary>Four voters, budget 100: two want project 1 (50), one project 2 (28), one project 3 (30).</summary>
    public const string Add1Helps = """
        META
        key;value
        budget;100
        vote_type;approval
        PROJECTS
        project_id;cost
        1;50
        2;28
        3;30
        VOTES
        voter_id;vote
        a;1
        b;1
        c;2
        d;3

        """;

    /// <summary>Cumulative points, budget 60, three projects of 30.</summary>
    public const string Points = """
        META
        key;value
        budget;60
        vote_type;cumulative
        max_sum_points;4
        PROJECTS
        project_id;cost
        1;30
        2;30
        3;30
        VOTES
        voter_id;vote;points
        v1;1,2;3,1
        v2;1,3;3,1
        v3;2,3;2,2

        """;
}
