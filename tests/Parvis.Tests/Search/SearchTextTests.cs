using Parvis.Features.Search;
using Parvis.Infrastructure.Data;

namespace Parvis.Tests.Search;

/// <summary>The analysis both databases are asked with: what a word becomes, and the queries sent.</summary>
public class SearchTextTests
{
    [Theory]
    [InlineData("école", "ecole")]
    [InlineData("vélos", "vélo")]
    [InlineData("aménagements", "aménager")]
    [InlineData("Cœur", "coeur")]
    [InlineData("chevaux", "cheval")]
    public void Forms_of_a_word_share_one_term(string one, string other) =>
        Assert.Equal(SearchText.Term(SearchText.Plain(one)), SearchText.Term(SearchText.Plain(other)));

    [Fact]
    public void Stop_words_keep_their_place_in_sqlite_terms() =>
        Assert.Equal($"maison {SearchText.Gap} {SearchText.Gap} cultur", SearchText.IndexTerms("Maison de la culture"));

    [Fact]
    public void A_phrase_and_words_become_one_query_for_each_database()
    {
        var terms = SearchTerms.Parse("vélos \"maison de la culture\" le");
        Assert.Equal(2, terms.Phrases.Count);
        Assert.Equal("(('velos' | 'velo' | 'velox')) & (('maison' | 'maisons' | 'maisonx') <3> ('culture' | 'cultures' | 'culturex'))",
            SearchIndex.PostgresQuery(terms.Phrases));
        Assert.Equal($"\"velo\" \"maison {SearchText.Gap} {SearchText.Gap} cultur\"", SearchIndex.SqliteQuery(terms.Phrases));
    }

    [Fact]
    public void Only_stop_words_is_no_search() => Assert.True(SearchTerms.Parse("le la de \"du\"").IsEmpty);

    [Fact]
    public void Marks_are_added_after_encoding()
    {
        var html = SearchTerms.Parse("ecole").Highlight("<b>École</b> & écoles").ToString();
        Assert.Equal("&lt;b&gt;<mark>École</mark>&lt;/b&gt; &amp; <mark>écoles</mark>", html);
    }
}
