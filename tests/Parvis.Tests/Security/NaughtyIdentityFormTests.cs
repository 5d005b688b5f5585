using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Identity;

namespace Parvis.Tests.Security;

/// <summary>
/// The naughty strings through the identity forms: the census match, the postal letter declaration (and the
/// PDF the agents print from it), the desk's search and revocation reason, a census file's names. An application
/// of its own: these forms replace lists and queue letters. A quarter of the list each.
/// </summary>
public sealed class NaughtyIdentityFormTests : IAsyncLifetime
{
    private readonly ParvisFactory _app = new();

    private static IEnumerable<string> Sample => NaughtyStringTests.Strings.Where((_, i) => i % 4 == 2);

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Census_matches_and_postal_declarations_take_any_text_and_the_letters_print()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var userId = await _app.UserIdAsync(email);
        var gare = (await _app.TerritoryIdAsync("Quartier de la Gare")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var declared = 0;
        foreach (var s in Sample)
        {
            var match = await citizen.MatchCensusAsync(s, s, "1988-03-14");
            Assert.True((int)match.StatusCode < 500, $"{(int)match.StatusCode} for census {s}");

            var request = await citizen.SubmitAsync("/compte/identite/courrier", "form[action*=Request]", new Dictionary<string, string?>
            {
                ["recipientName"] = s,
                ["addressLine1"] = s,
                ["addressLine2"] = s,
                ["postalCode"] = "75012",
                ["city"] = s,
                ["territoryId"] = gare,
            });
            Assert.True((int)request.StatusCode < 500, $"{(int)request.StatusCode} for address {s}");
            if (request.StatusCode == HttpStatusCode.Redirect)
            {
                declared++;
                var stored = await _app.InAAsync(db => db.PostalLetterRequests.Where(r => r.UserId == userId && r.VoidedAt == null).Select(r => r.AddressLine1).SingleAsync());
                Assert.Equal(string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), stored);
                // Printed by the agent below; the person may declare again once this one is out of the way.
                await _app.InAAsync(db => db.PostalLetterRequests.Where(r => r.UserId == userId && r.VoidedAt == null)
                    .ExecuteUpdateAsync(x => x.SetProperty(r => r.UserId, Guid.NewGuid())));
            }
        }
        Assert.True(declared > 0);
        var agent = await _app.SignedInAsync("agent");
        NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync("/admin/verifications/courriers"), "the pending letters");
        var pdf = await agent.SubmitAsync("/admin/verifications/courriers", "form[action*=Print]", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_desk_search_the_revocation_reason_and_the_names_of_a_census_file_take_any_text()
    {
        var agent = await _app.SignedInAsync("agent");
        var jeanne = await _app.InAAsync(db => db.Verifications.Where(v => v.Method == VerificationMethod.InPerson).Select(v => v.Id).FirstAsync());
        foreach (var s in Sample)
        {
            var search = await agent.GetAsync($"/admin/verifications?q={Uri.EscapeDataString(s)}");
            Assert.True((int)search.StatusCode < 500, $"{(int)search.StatusCode} for search {s}");
            NaughtyStringTests.AssertNoInjectedMarkup(HtmlClient.Parse(await search.Content.ReadAsStringAsync()), s);

            var revoke = await agent.SubmitAsync("/admin/verifications", $"form:has(input[name=id][value='{jeanne}'])", new Dictionary<string, string?> { ["reason"] = s });
            Assert.True((int)revoke.StatusCode < 500, $"{(int)revoke.StatusCode} for reason {s}");
            if (revoke.StatusCode == HttpStatusCode.Redirect)
            {
                var reason = await _app.InAAsync(db => db.Verifications.Where(v => v.Id == jeanne).Select(v => v.RevokedReason).SingleAsync());
                Assert.Equal(s.Trim().Length > Verification.MaxReason ? s.Trim()[..Verification.MaxReason] : s.Trim(), reason);
                NaughtyStringTests.AssertNoInjectedMarkup(await agent.GetDocumentAsync("/admin/verifications"), s);
                await _app.InAAsync(db => db.Verifications.Where(v => v.Id == jeanne).ExecuteUpdateAsync(x => x.SetProperty(v => v.RevokedAt, (DateTime?)null)));
            }
        }

        var admin = await _app.SignedInAsync("admin");
        var csv = "nom;prenoms;date_naissance\n" + string.Concat(Sample.Select(s => $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\";Anne;01/01/1980\n"));
        var page = await admin.UploadCensusAsync(csv, CensusKind.Residents, fileName: "<script>alert(1)</script>.csv");
        Assert.True(page.QuerySelector(".notice") is not null || page.Errors().Count > 0);
        NaughtyStringTests.AssertNoInjectedMarkup(await admin.GetDocumentAsync("/admin/identite/liste"), "the census files");
    }
}
