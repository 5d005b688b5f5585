using Parvis.Domain;
using Parvis.Features.Budgets;

namespace Parvis.Tests.Budgets;

public sealed class PbFormatTests
{
    [Fact]
    public void Reading_then_writing_gives_the_same_file()
    {
        foreach (var text in new[] { PbFiles.TwoNeighbourhoods, PbFiles.Add1Helps, PbFiles.Points })
            Assert.Equal(text, PbWriter.Write(PbReader.Read(text)));
    }

    [Fact]
    public void Every_column_and_meta_key_is_kept_and_the_ballots_are_read()
    {
        var election = PbReader.Read(PbFiles.TwoNeighbourhoods);

        Assert.Equal("Ville-Exemple", election.MetaValue("unit"));
        Assert.Equal(100, election.Budget);
        Assert.Equal(["project_id", "cost", "votes", "name", "category"], election.ProjectColumns);
        Assert.Equal("Jardin; partagé", election.Projects[1].Cells[3]);
        Assert.Equal("environment,nature", election.Projects[1].Cells[4]);
        Assert.Equal(["2", "1"], election.Votes[1].Projects);
        Assert.Equal("", election.Votes[2].Cells[1]);
    }

    [Fact]
    public void Points_are_read_with_their_projects()
    {
        var problem = PbReader.Read(PbFiles.Points).ToProblem();

        Assert.Equal([0, 1], problem.Ballots[0].Projects);
        Assert.Equal([(Rational)3, 1], problem.Ballots[0].Points!);
        Assert.Equal([(Rational)6, 3, 3], problem.Scores);
    }

    [Fact]
    public void A_file_written_from_an_election_reads_back_the_same()
    {
        var election = PbReader.Read(PbFiles.TwoNeighbourhoods.Replace("2;40;4;\"Jardin; partagé\"", "2;40;4;\"\"\"Le\"\" jardin\""));

        Assert.Equal("\"Le\" jardin", election.Projects[1].Cells[3]);
        Assert.Equal("\"Le\" jardin", PbReader.Read(PbWriter.Write(election)).Projects[1].Cells[3]);
    }

    [Theory]
    [InlineData("1;60;4;Gymnase;sport", "1;6O;4;Gymnase;sport",
        "Ligne 14 : le coût « 6O » du projet « 1 » n'est pas un nombre positif.")]
    [InlineData("budget;100", "budget;cent", "Ligne 9 : le budget « cent » n'est pas un nombre positif.")]
    [InlineData("5;40;F;3,4", "5;40;F;3,9",
        "Ligne 24 : le bulletin de « 5 » choisit le projet « 9 », absent de PROJECTS.")]
    [InlineData("4;22;M;1,2", "4;22;1,2", "Ligne 23 : 3 colonnes au lieu de 4 (l'en-tête de la section VOTES en a 4).")]
    [InlineData("3;30;2;Bancs;urban greenery", "3;30;2;Bancs;urban;greenery",
        "Ligne 16 : 6 colonnes au lieu de 5 (l'en-tête de la section PROJECTS en a 5).")]
    [InlineData("2;51;M;2,1", "2;51;M;2,2", "Ligne 21 : le bulletin de « 2 » choisit deux fois le projet « 2 ».")]
    [InlineData("vote_type;approval", "vote_type;approbation",
        "Ligne 10 : le type de vote « approbation » est inconnu (attendu : approval, choose-1, cumulative, scoring, ordinal).")]
    public void A_bad_file_gets_a_message_naming_the_line(string line, string replacement, string message)
    {
        var text = PbFiles.TwoNeighbourhoods.Replace(line, replacement);
        Assert.NotEqual(PbFiles.TwoNeighbourhoods, text);

        var error = Assert.Throws<DomainException>(() => PbReader.Read(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_missing_section_or_key_is_named()
    {
        var noVotes = PbFiles.TwoNeighbourhoods[..PbFiles.TwoNeighbourhoods.IndexOf("VOTES", StringComparison.Ordinal)];
        var noProjects = "META\nkey;value\nbudget;10\nvote_type;approval\nVOTES\nvoter_id;vote\n";
        var noBudget = "META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\n";

        Assert.Equal("Ligne 17 : le fichier s'arrête sans la section VOTES.",
            Assert.Throws<DomainException>(() => PbReader.Read(noVotes)).Message);
        Assert.Equal("Ligne 5 : la section VOTES arrive ici, or la suivante attendue est PROJECTS "
            + "(l'ordre est META, PROJECTS, VOTES).", Assert.Throws<DomainException>(() => PbReader.Read(noProjects)).Message);
        Assert.Equal("Ligne 4 : la clé « budget » manque dans META.",
            Assert.Throws<DomainException>(() => PbReader.Read(noBudget)).Message);
    }

    [Fact]
    public void Points_that_do_not_match_the_projects_are_refused()
    {
        var text = PbFiles.Points.Replace("v3;2,3;2,2", "v3;2,3;2");

        Assert.Equal("Ligne 15 : le bulletin de « v3 » donne 1 points pour 2 projets.",
            Assert.Throws<DomainException>(() => PbReader.Read(text)).Message);
    }
}
