using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parvis.Features.Petitions;

public class IndexModel(PetitionQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true, Name = "closes")] public int ClosedPage { get; set; } = 1;
    public List<PetitionCard> Open { get; private set; } = [];
    public List<PetitionCard> Closed { get; private set; } = [];
    public int OpenPages { get; private set; }
    public int ClosedPages { get; private set; }

    public async Task OnGetAsync()
    {
        (PageNumber, ClosedPage) = (Math.Max(1, PageNumber), Math.Max(1, ClosedPage));
        var (open, openTotal) = await queries.OpenAsync(PageNumber);
        var (closed, closedTotal) = await queries.ClosedAsync(ClosedPage);
        (Open, Closed) = (open, closed);
        OpenPages = Math.Max(1, (openTotal + PetitionQueries.PageSize - 1) / PetitionQueries.PageSize);
        ClosedPages = Math.Max(1, (closedTotal + PetitionQueries.PageSize - 1) / PetitionQueries.PageSize);
    }

    public string Link(int open, int closed) => $"/petitions?p={open}&closes={closed}";
}
