using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;
using Parvis.Tests.Security;

namespace Parvis.Tests.PersonalData;

/// <summary>The deletion form and the retention settings take typed text: naughty strings get a form error, never a 500, and delete or change nothing.</summary>
[Collection(PlatformAppCollection.Name)]
public class NaughtyDeleteTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Naughty_passwords_and_confirmations_delete_nothing()
    {
        var (client, email) = await _app.CitizenClientAsync();
        var token = (await client.GetDocumentAsync("/compte/supprimer")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var s in NaughtyStringTests.Strings)
        {
            var response = await client.PostAsync("/compte/supprimer", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Choice"] = s,
                ["Password"] = s,
                ["Confirmation"] = s,
            }));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {s}");
            Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        }
        Assert.True(await _app.InAAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Naughty_retention_settings_are_refused()
    {
        var admin = await _app.SignedInAsync("admin");
        var token = (await admin.GetDocumentAsync("/admin/donnees")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var s in NaughtyStringTests.Strings.Where(s => !int.TryParse(s, out var n) || n is < 1 or > 365).Take(150))
        {
            var response = await admin.PostAsync("/admin/donnees", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["InactiveAccountMonths"] = "36",
                ["FraudIpDays"] = s,
                ["AnonymousEmailDays"] = "30",
            }));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {s}");
            Assert.NotEmpty(HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        }
        Assert.Equal(30, await _app.InAAsync(db => db.Organizations.Where(o => o.Id == _app.OrganizationA.Id).Select(o => o.Retention.FraudIpDays).SingleAsync()));
    }
}
