using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;

namespace Parvis.Features.Meetings;

/// <summary>The agenda: meetings to come by week, filtered by territory and kind with a plain GET form; the last ones past below.</summary>
public class IndexModel(MeetingQueries queries) : PageModel
{
    public List<AgendaWeek> Weeks { get; private set; } = [];
    public List<MeetingCard> Past { get; private set; } = [];
    public List<(int Id, string Label)> Territories { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "territoire")] public int? TerritoryFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public MeetingKind? KindFilter { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // A filter that does not parse (or names no kind) shows everything rather than an error.
        ModelState.Clear();
        if (KindFilter is { } kind && !Enum.IsDefined(kind)) KindFilter = null;
        Territories = await queries.TerritoryOptionsAsync();
        if (TerritoryFilter is { } territory && Territories.All(t => t.Id != territory)) TerritoryFilter = null;
        Weeks = await queries.UpcomingAsync(TerritoryFilter, KindFilter);
        Past = await queries.PastAsync(TerritoryFilter, KindFilter, 10);
        return Page();
    }

    public string FeedUrl => TerritoryFilter is { } t ? $"/agenda/territoires/{t}.ics" : "/agenda.ics";
}
