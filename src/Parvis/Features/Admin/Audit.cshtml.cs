using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Admin;

public class AuditModel(ParvisDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "auteur")] public string? ActorFilter { get; set; }
    public List<AuditEntry> Entries { get; private set; } = [];
    public List<string> Actions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync();
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(ActionFilter)) query = query.Where(a => a.Action == ActionFilter);
        if (!string.IsNullOrWhiteSpace(ActorFilter)) query = query.Where(a => a.ActorName.Contains(ActorFilter));
        Entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(200).ToListAsync();
    }
}
