using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Petitions.Signing;

/// <summary>The live count read by petition-count.js, and the signature list handed to the institution.</summary>
public static class SignatureEndpoints
{
    public static void MapSignatureEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous and cheap: the shards of one petition, summed; the browser may reuse the answer for a second.
        app.MapGet("/petitions/{id:int}/compte", async (int id, PetitionRulesCache rules, PetitionCounts counts, HttpContext http) =>
        {
            if (await rules.GetAsync(id) is not { IsPublic: true }) return Results.NotFound();
            http.Response.Headers.CacheControl = "max-age=1";
            return Results.Json(new { count = await counts.CountAsync(id) });
        })
        // Not the anonymous page cache (10 s): the count is already kept one second in memory, and "live" means that second.
        .CacheOutput(p => p.NoCache());

        app.MapGet("/admin/petitions/{id:int}/signatures.csv", async (int id, ParvisDbContext db, AuditLog audit, HttpContext http) =>
        {
            var petition = await db.Petitions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
            if (petition is null) return Results.NotFound();
            var valid = db.PetitionSignatures.AsNoTracking().Where(s => s.PetitionId == id && s.ConfirmedAt != null && s.InvalidatedAt == null);
            if (petition.ElectorMode)
            {
                // CGCT L1112-16: the request is examined with its signers' names and communes, nothing more.
                var count = await valid.CountAsync();
                audit.Record("petition.signatures-export", nameof(Petition), id, $"électeurs, {count} signatures nominatives");
                return await SendAsync(["nom", "commune"], async csv =>
                {
                    await foreach (var row in valid.OrderBy(s => s.ConfirmedAt).ThenBy(s => s.Id).Select(s => new { s.Name, s.Commune }).AsAsyncEnumerable())
                        await csv.RowAsync(row.Name, row.Commune);
                });
            }
            else
            {
                // Outside elector mode the institution gets counts, never names.
                var rows = await valid.Select(s => new { Place = s.Commune ?? s.PostalCode ?? "", s.ConfirmedAt }).ToListAsync();
                var groups = rows.GroupBy(r => (r.Place, Day: DateOnly.FromDateTime(r.ConfirmedAt!.Value)))
                    .OrderBy(g => g.Key.Place, StringComparer.Ordinal).ThenBy(g => g.Key.Day).ToList();
                audit.Record("petition.signatures-export", nameof(Petition), id, $"comptes par commune et par jour, {rows.Count} signatures");
                return await SendAsync(["commune_ou_code_postal", "jour", "signatures"], async csv =>
                {
                    foreach (var g in groups)
                        await csv.RowAsync(g.Key.Place.Length == 0 ? "(non renseigné)" : g.Key.Place, g.Key.Day, g.Count());
                });
            }

            async Task<IResult> SendAsync(string[] columns, Func<CsvFile, Task> write)
            {
                await db.SaveChangesAsync();
                http.Response.Headers.CacheControl = "no-store";
                return CsvFile.Download($"petition-{id}-signatures.csv", columns, write);
            }
        }).RequireAuthorization(Policies.Answer);
    }
}
