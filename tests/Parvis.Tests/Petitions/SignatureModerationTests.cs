using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>Trending sources, bulk invalidation and the institution's export.</summary>
[Collection(InitiativesAppCollection.Name)]
public class SignatureModerationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    /// <summary>Confirmed signatures written straight into the database, as if a script had signed from one place.</summary>
    private Task<int> AddSignaturesAsync(int petitionId, int count, string ip, string domain, bool confirmed = true, string? commune = null) =>
        _app.InOrganizationAsync(_app.OrganizationA, async (db, services) =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var email = EmailAddress.Parse($"s{Guid.NewGuid():N}@{domain}");
                var signature = PetitionSignature.Create(petitionId, null, $"Signataire {i}", email, "75011", commune, false, ip, now.AddSeconds(-i));
                signature.ConfirmedAt = confirmed ? now : null;
                db.PetitionSignatures.Add(signature);
            }
            await db.SaveChangesAsync();
            if (confirmed) await services.GetRequiredService<Parvis.Features.Petitions.PetitionCounts>().AddAsync(petitionId, count);
            return count;
        });

    [Fact]
    public async Task A_burst_from_one_address_is_flagged_and_invalidated_in_one_go_with_one_audit_entry()
    {
        var id = await _app.NewSignablePetitionAsync();
        await AddSignaturesAsync(id, 40, "203.0.113.7", "robot.example");
        await AddSignaturesAsync(id, 5, "203.0.113.7", "robot.example", confirmed: false);
        for (var i = 0; i < 12; i++) await AddSignaturesAsync(id, 1, $"198.51.100.{i}", "gmail.com");
        Assert.Equal(52, await _app.CountAsync(id));

        var moderator = await _app.SignedInAsync("moderation");
        var page = await moderator.GetDocumentAsync($"/moderation/petitions/{id}/sources");
        var row = page.QuerySelectorAll("#period-1h ~ div table tr, section:has(#period-1h) tr").First(r => r.TextContent.Contains("203.0.113.7", StringComparison.Ordinal));
        Assert.Contains("Inhabituelle", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("45", row.QuerySelectorAll("td")[0].TextContent, StringComparison.Ordinal);
        var ordinary = page.QuerySelectorAll("section:has(#period-1h) tr").First(r => r.TextContent.Contains("198.51.100.3", StringComparison.Ordinal));
        Assert.Contains("Ordinaire", ordinary.TextContent, StringComparison.Ordinal);
        var gmail = page.QuerySelectorAll("section:has(#period-1h) tr").First(r => r.QuerySelector("th")?.TextContent == "gmail.com");
        Assert.Contains("Ordinaire", gmail.TextContent, StringComparison.Ordinal);

        var entries = await _app.InAAsync(db => db.AuditEntries.CountAsync(e => e.Action == "petition.signatures-invalidated" && e.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var done = await moderator.SubmitAndReadAsync($"/moderation/petitions/{id}/sources",
            "section:has(#period-1h) tr:has(input[value='203.0.113.7']) form", new Dictionary<string, string?> { ["reason"] = "Robot" });
        Assert.Contains("45 signatures annulées (40 confirmées", done.Source.Text, StringComparison.Ordinal);
        Assert.Equal(12, await _app.CountAsync(id));
        Assert.Equal(45, await _app.InAAsync(db => db.PetitionSignatures.CountAsync(s => s.PetitionId == id && s.InvalidatedAt != null && s.InvalidationReason == "Robot")));
        var audit = await _app.InAAsync(db => db.AuditEntries.Where(e => e.Action == "petition.signatures-invalidated" && e.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync());
        Assert.Equal(entries + 1, audit.Count);
        Assert.Contains("40 confirmées et 5 en attente", audit[^1].Details, StringComparison.Ordinal);

        // Without a reason nothing happens.
        var noReason = await moderator.SubmitAndReadAsync($"/moderation/petitions/{id}/sources",
            "section:has(#period-1h) tr:has(input[value='198.51.100.3']) form", new Dictionary<string, string?> { ["reason"] = "" });
        Assert.Contains(noReason.Errors(), e => e.Contains("Indiquez le motif", StringComparison.Ordinal));
        Assert.Equal(12, await _app.CountAsync(id));
    }

    [Fact]
    public async Task The_export_gives_names_and_communes_in_elector_mode_only_counts_otherwise_and_is_never_public()
    {
        var elector = await _app.NewSignablePetitionAsync(electorMode: true);
        await AddSignaturesAsync(elector, 2, "198.51.100.1", "example.org", commune: "Ville A");
        await AddSignaturesAsync(elector, 1, "198.51.100.1", "example.org", confirmed: false, commune: "Ville A");
        var ordinary = await _app.NewSignablePetitionAsync();
        await AddSignaturesAsync(ordinary, 3, "198.51.100.2", "example.org", commune: "Ville A");

        var agent = await _app.SignedInAsync("agent");
        var named = await agent.GetAsync($"/admin/petitions/{elector}/signatures.csv");
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal("no-store", named.Headers.CacheControl!.ToString());
        var lines = (await named.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("nom;commune", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Matches("^\"Signataire \\d\";\"Ville A\"$", l));
        Assert.DoesNotContain("@", string.Join('\n', lines), StringComparison.Ordinal);

        var counts = await (await _app.SignedInAsync("admin")).GetStringAsync($"/admin/petitions/{ordinary}/signatures.csv");
        Assert.DoesNotContain("Signataire", counts, StringComparison.Ordinal);
        Assert.Contains($"\"Ville A\";{DateTime.UtcNow:yyyy-MM-dd};3", counts, StringComparison.Ordinal);
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "petition.signatures-export" && e.TargetId == elector.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var anonymous = await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/admin/petitions/{elector}/signatures.csv");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        var (citizen, _) = await _app.CitizenClientAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await citizen.GetAsync($"/admin/petitions/{elector}/signatures.csv")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await _app.SignedInAsync("moderation")).GetAsync($"/admin/petitions/{elector}/signatures.csv")).StatusCode);
    }
}
