using System.Text;

namespace Parvis.Features.Tallies;

public static class TallyEndpoints
{
    /// <summary>The pseudonymous log of a public item, for anyone to recount (<see cref="VerifyLogCommand"/>).</summary>
    public static void MapTallyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verifier/{item}/{id:int}/journal.{format}", async (string item, int id, string format, TallyVerification verification) =>
        {
            if (format is not ("json" or "csv") || await verification.ReportAsync(item, id) is not { } report) return Results.NotFound();
            var document = TallyLogDocument.Of(report, await verification.EntriesAsync(report.Item, id));
            var name = $"journal-{report.Item}-{id}.{format}";
            return format == "csv"
                ? document.ToCsv(name)
                : Results.File(Encoding.UTF8.GetBytes(document.ToJson()), "application/json", name);
        });
    }
}
