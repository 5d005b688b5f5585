using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.Search;

/// <summary>The search page (/recherche): a GET form, results newest first with the words marked, pages by key.</summary>
public class IndexModel(SearchQueries queries, TerritoryTrees territories, TenantContext tenant) : PageModel
{
    /// <summary>The kinds offered by the filter, with their French names (singular for a result, plural for the filter).</summary>
    public static readonly (SearchKind Kind, string Slug, string Name, string Plural)[] Kinds =
    [
        (SearchKind.Consultation, "concertations", "Concertation", "Concertations"),
        (SearchKind.Contribution, "contributions", "Contribution", "Contributions"),
        (SearchKind.Comment, "commentaires", "Commentaire", "Commentaires"),
        (SearchKind.Proposal, "propositions", "Proposition", "Propositions"),
        (SearchKind.Petition, "petitions", "Pétition", "Pétitions"),
        (SearchKind.Request, "signalements", "Signalement", "Signalements"),
        (SearchKind.Outcome, "realisations", "Réalisation", "Réalisations (nous avons fait)"),
        (SearchKind.Project, "projets", "Projet", "Projets"),
        (SearchKind.Meeting, "reunions", "Réunion publique", "Réunions"),
        (SearchKind.Council, "conseils", "Conseil", "Conseils"),
        (SearchKind.Survey, "enquetes", "Enquête", "Enquêtes"),
        (SearchKind.News, "actualites", "Actualité", "Actualités"),
    ];

    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "etat")] public string? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "territoire")] public int? TerritoryId { get; set; }
    [BindProperty(SupportsGet = true, Name = "du")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "apres")] public string? After { get; set; }

    public SearchTerms Terms { get; private set; } = SearchTerms.Parse(null);
    public SearchPage? Results { get; private set; }
    public List<(int Id, string Label)> Territories { get; private set; } = [];
    public string? Problem { get; private set; }

    /// <summary>The kind chosen in the filter, if it is one.</summary>
    public SearchKind? ChosenKind => Kinds.FirstOrDefault(k => k.Slug == Kind) is { Slug: not null } k ? k.Kind : null;

    /// <summary>The states offered: those of the chosen kind (the form shows the choice once a kind is chosen).</summary>
    public IReadOnlyList<SearchStates.State> States => ChosenKind is { } kind ? SearchStates.Of(kind) : [];

    public async Task OnGetAsync()
    {
        Territories = await territories.OptionsAsync();
        Terms = SearchTerms.Parse(Text);
        if (string.IsNullOrWhiteSpace(Text)) return;
        if (Terms.IsEmpty)
        {
            Problem = "Tapez au moins un mot qui ne soit pas un mot courant (« le », « de »…).";
            return;
        }
        if (!string.IsNullOrEmpty(Kind) && ChosenKind is null)
        {
            Problem = "Ce type n'existe pas : choisissez-en un dans la liste.";
            return;
        }
        if (!string.IsNullOrEmpty(State) && !States.Any(s => s.Slug == State))
        {
            Problem = ChosenKind is null ? "Choisissez d'abord un type pour filtrer par état."
                : "Cet état n'existe pas pour ce type : choisissez-en un dans la liste.";
            return;
        }
        var from = Date(From, "du");
        var to = Date(To, "au");
        if (Problem is not null) return;
        if (from is not null && to is not null && from > to)
        {
            Problem = "La date de début est après la date de fin.";
            return;
        }
        var org = tenant.Organization;
        var filter = new SearchFilter(ChosenKind, TerritoryId,
            from is { } f ? org.ToUtc(f.ToDateTime(TimeOnly.MinValue)) : null,
            to is { } t ? org.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null,
            ListCursor.Parse(After), string.IsNullOrEmpty(State) ? null : State);
        Results = await queries.SearchAsync(Terms, filter);
    }

    public static string KindName(SearchKind kind) => Kinds.First(k => k.Kind == kind).Name;

    /// <summary>The link to the next page: the same search, after the last result shown.</summary>
    public string NextLink(ListCursor next)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Text,
            ["type"] = Kind,
            ["etat"] = State,
            ["territoire"] = TerritoryId?.ToString(CultureInfo.InvariantCulture),
            ["du"] = From,
            ["au"] = To,
            ["apres"] = next.ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/recherche",
            query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private DateOnly? Date(string? text, string which)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if ((DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || DateOnly.TryParseExact(text.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            && date.Year is >= 1970 and <= 2200)
            return date;
        Problem = which == "du" ? "La date « du » n'est pas une date (jj/mm/aaaa)." : "La date « au » n'est pas une date (jj/mm/aaaa).";
        return null;
    }
}
