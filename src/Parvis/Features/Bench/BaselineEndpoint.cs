using System.Text;
using System.Text.Encodings.Web;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Bench;

/// <summary>
/// The load harness's yardstick, after TechEmpower's "Fortunes": one small query through the same
/// pipeline (tenant, sign-in, headers) and the same <see cref="ParvisDbContext"/>, rendered as an
/// HTML table. The real pages are measured as a fraction of its throughput, so the ratio tells the
/// cost of the pages themselves rather than of the machine. Mapped only when <c>Bench:Enabled</c> is true.
/// </summary>
public static class BaselineEndpoint
{
    public const string Path = "/bench/fortunes";
    public const int RowCount = 12;
    private const int ExcerptLength = 80;

    public static void MapBenchBaseline(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Bench:Enabled", false)) return;
        app.MapGet(Path, async (ParvisDbContext db, HtmlEncoder encoder) =>
        {
            var rows = await db.Contributions.AsNoTracking()
                .Where(c => c.State == ModerationState.Published)
                .OrderBy(c => c.Id)
                .Take(RowCount)
                .Select(c => new { c.Id, Text = c.Title ?? c.Body.Substring(0, ExcerptLength) })
                .ToListAsync();
            var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>");
            // As in Fortunes, the rows are sorted in memory by their text: a little work beyond the query.
            foreach (var row in rows.OrderBy(r => r.Text, StringComparer.Ordinal))
                html.Append("<tr><td>").Append(row.Id).Append("</td><td>").Append(encoder.Encode(row.Text)).Append("</td></tr>");
            html.Append("</table></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        });
    }
}
