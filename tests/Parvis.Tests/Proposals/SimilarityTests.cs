using Parvis.Domain;

namespace Parvis.Tests.Proposals;

public class SimilarityTests
{
    private static double Score(string titleA, string bodyA, string titleB, string bodyB) =>
        FrenchText.Similarity(FrenchText.Tokens(titleA), FrenchText.Tokens(bodyA), FrenchText.Tokens(titleB), FrenchText.Tokens(bodyB));

    [Theory]
    [InlineData("Pistes cyclables", "piste cyclable")]
    [InlineData("Écoles", "ecole")]
    [InlineData("Des CHEVAUX", "cheval")]
    [InlineData("la forêt", "foret")]
    [InlineData("Cœur de ville", "coeur")]
    public void Accents_case_plurals_and_stop_words_are_ignored(string text, string expected) =>
        Assert.Equal(expected.Split(' '), FrenchText.Tokens(text));

    [Fact]
    public void Stop_words_and_short_words_are_dropped() =>
        Assert.Equal(["arbre", "parc", "rue"], FrenchText.Tokens("Des arbres dans le parc, et à la rue !"));

    [Fact]
    public void Search_terms_have_a_space_at_each_end_and_each_word_once()
    {
        var terms = FrenchText.SearchTerms("Pistes cyclables", "Une piste cyclable rue Jaurès", 4000);
        Assert.Equal(" piste cyclable rue jaure ", terms);
    }

    [Fact]
    public void The_same_idea_written_differently_is_similar_and_another_subject_is_not()
    {
        var same = Score("Pistes cyclables rue de la République", "Des pistes séparées pour les vélos", "Une piste cyclable rue de la République", "C'est dangereux à vélo");
        var other = Score("Pistes cyclables rue de la République", "Des pistes séparées pour les vélos", "Un composteur au square", "Pour réduire les déchets de cuisine");
        Assert.True(same >= Parvis.Features.Proposals.ProposalCommands.SimilarThreshold, $"same idea scored {same}");
        Assert.True(other < Parvis.Features.Proposals.ProposalCommands.SimilarThreshold, $"other subject scored {other}");
        Assert.Equal(0, other);
    }

    [Fact]
    public void Title_words_weigh_more_than_body_words()
    {
        var byTitle = Score("Composteur collectif", "", "Composteur collectif", "texte différent ailleurs");
        var byBody = Score("Composteur collectif", "", "Autre chose", "composteur collectif texte");
        Assert.True(byTitle > byBody);
    }
}
