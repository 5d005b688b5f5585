// The ceiling of bench/run: what this machine serves for the baseline's work (/bench/fortunes: 12 published
// contributions of the organization by primary key, sorted by text, HTML-encoded in a small table) with nothing
// around it: Kestrel, one route, Npgsql, no middleware, no EF Core. Every scenario is reported as a share of it.
//
//   dotnet Ceiling.dll --urls http://127.0.0.1:5100 --Db "Host=…;Database=…" --Organization 1
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Npgsql;

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddCommandLine(args);
builder.WebHost.UseKestrelCore();
builder.Services.AddRoutingCore();
var organization = int.Parse(builder.Configuration["Organization"] ?? throw new ArgumentException("--Organization is required"),
    CultureInfo.InvariantCulture);
await using var data = NpgsqlDataSource.Create(builder.Configuration["Db"] ?? throw new ArgumentException("--Db is required"));
var app = builder.Build();
// Parvis's encoder (WebSetup): accented letters as they are, so both tables are the same bytes.
var encoder = HtmlEncoder.Create(UnicodeRanges.All);

// The statement EF Core sends for the baseline (tenant filter, state, order by key, limit, title or excerpt).
const string Sql = "SELECT c.\"Id\", COALESCE(c.\"Title\", substring(c.\"Body\", 1, 80)) FROM \"Contributions\" AS c "
    + "WHERE c.\"OrganizationId\" = $1 AND c.\"State\" = 'Published' ORDER BY c.\"Id\" LIMIT 12";

app.MapGet("/bench/fortunes", async () =>
{
    var rows = new List<(int Id, string Text)>(12);
    await using (var command = data.CreateCommand(Sql))
    {
        command.Parameters.AddWithValue(organization);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt32(0), reader.GetString(1)));
    }
    var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Fortunes</title></head><body>"
        + "<table><tr><th>id</th><th>message</th></tr>");
    foreach (var row in rows.OrderBy(r => r.Text, StringComparer.Ordinal))
        html.Append("<tr><td>").Append(row.Id).Append("</td><td>").Append(encoder.Encode(row.Text)).Append("</td></tr>");
    html.Append("</table></body></html>");
    return Results.Content(html.ToString(), "text/html; charset=utf-8");
});

await app.RunAsync();
