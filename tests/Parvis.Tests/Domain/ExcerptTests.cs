using Parvis.Features.Shared;

namespace Parvis.Tests.Domain;

public class ExcerptTests
{
    [Fact]
    public void A_short_text_is_left_whole() => Assert.Equal("Des bancs.", Excerpt.Of("Des bancs.", 80));

    [Fact]
    public void A_long_text_is_cut_at_a_word_and_marked()
    {
        var text = "Plus d'arbres sur la place de la Gare et des bancs à l'ombre pour attendre le bus";
        Assert.Equal("Plus d'arbres sur la place de la Gare…", Excerpt.Of(text, 38));
    }

    [Fact]
    public void A_cut_never_splits_an_emoji()
    {
        var text = new string('a', 39) + "😀 et la suite";
        var excerpt = Excerpt.Of(text, 40);
        Assert.Equal(new string('a', 39) + "…", excerpt);
    }
}
