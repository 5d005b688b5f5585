namespace Parvis.Domain;

/// <summary>What the search page finds; the order is the order of its filter.</summary>
public enum SearchKind
{
    Consultation, Contribution, Comment, Proposal, Petition, Request, Outcome, Project, Meeting, Council, Survey, News,
}

/// <summary>
/// One public item's text in the search index. It says nothing of who may see the item: the search reads that from
/// the item itself at query time, so an item hidden, unpublished or deleted by any path is never found.
/// </summary>
public class SearchEntry : ITenantOwned
{
    public const int MaxTitle = 300;

    public long Id { get; set; }
    public int OrganizationId { get; set; }
    public SearchKind Kind { get; set; }
    public long ItemId { get; set; }
    public int? TerritoryId { get; set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    /// <summary>The item's date, newest first on the page.</summary>
    public DateTime At { get; set; }
    /// <summary>SQLite only: the analysed words its FTS5 table indexes (PostgreSQL computes its own tsvector).</summary>
    public string Terms { get; set; } = "";

    public void Fill(SearchDocument document)
    {
        TerritoryId = document.TerritoryId;
        Title = document.Title.Length > MaxTitle ? document.Title[..MaxTitle] : document.Title;
        Text = document.Text;
        At = document.At;
    }
}

public sealed record SearchDocument(SearchKind Kind, long ItemId, string Title, string Text, int? TerritoryId, DateTime At);

/// <summary>An entity the search index follows: its text is indexed whenever it is saved.</summary>
public interface ISearchable
{
    SearchDocument ToSearchDocument();
}
