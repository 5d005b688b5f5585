using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Security;

namespace Parvis.Tests.Petitions;

/// <summary>The Big List of Naughty Strings through the signing form: never a 500, stored as typed (trimmed) or refused in French.</summary>
[Collection(InitiativesAppCollection.Name)]
public class SignatureNaughtyTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Names_and_communes_are_stored_as_typed_or_refused_with_a_message()
    {
        var id = await _app.NewSignablePetitionAsync();
        var client = _app.ClientFor(ParvisFactory.HostA);
        var form = await client.GetDocumentAsync($"/petitions/{id}/signer");
        var token = form.QuerySelector("form[action$=signer] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var expected = new Dictionary<string, string>();
        foreach (var s in NaughtyStringTests.Strings)
        {
            var email = SignatureTestData.NewEmail();
            var response = await client.PostAsync($"/petitions/{id}/signer", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Name"] = s,
                ["Input.Email"] = email,
                ["Input.PostalCode"] = s.Length > PetitionSignature.MaxPlace ? "" : s,
                ["Input.Commune"] = s.Length > PetitionSignature.MaxPlace ? "" : s,
            }));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            if (string.IsNullOrWhiteSpace(s) || s.Trim().Length > PetitionSignature.MaxName)
            {
                var page = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
                Assert.NotEmpty(page.Errors());
                NaughtyStringTests.AssertNoInjectedMarkup(page, s);
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {s}");
            expected[EmailAddress.Parse(email).Canonical] = s.Trim();
        }
        var stored = await _app.InAAsync(db => db.PetitionSignatures.Where(x => x.PetitionId == id).ToDictionaryAsync(x => x.CanonicalEmail));
        Assert.Equal(expected.Count, stored.Count);
        foreach (var (canonical, name) in expected)
        {
            Assert.Equal(name, stored[canonical].Name);
            Assert.True(stored[canonical].Commune is null || stored[canonical].Commune == name);
        }
        // Hundreds of confirmation e-mails were queued: let them leave before the next test of the shared application waits for its own.
        for (var i = 0; i < 120 && await _app.InAAsync(db => db.Outbox.IgnoreQueryFilters().AnyAsync(m => m.SentAt == null && m.Attempts < 3)); i++)
            await Task.Delay(500);
    }

    [Fact]
    public async Task Invalidation_reasons_are_written_to_the_log_as_typed_or_refused_with_a_message()
    {
        var id = await _app.NewSignablePetitionAsync();
        var moderator = await _app.SignedInAsync("moderation");
        var token = (await moderator.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var s in NaughtyStringTests.Strings)
        {
            var response = await moderator.PostAsync($"/moderation/petitions/{id}/sources?handler=Invalidate", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["kind"] = "IpAddress",
                ["value"] = "192.0.2.1",
                ["period"] = "1h",
                ["reason"] = s,
            }));
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            if (string.IsNullOrWhiteSpace(s) || s.Trim().Length > PetitionSignature.MaxReason)
            {
                var page = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
                Assert.NotEmpty(page.Errors());
                NaughtyStringTests.AssertNoInjectedMarkup(page, s);
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} for {s}");
            var details = await _app.InAAsync(db => db.AuditEntries.Where(e => e.Action == "petition.signatures-invalidated").OrderByDescending(e => e.Id).Select(e => e.Details).FirstAsync());
            Assert.EndsWith("Motif : " + s.Trim(), details ?? "", StringComparison.Ordinal);
        }
    }
}
