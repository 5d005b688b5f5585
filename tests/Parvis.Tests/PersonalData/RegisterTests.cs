using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.PersonalData;
using Parvis.Testing;

namespace Parvis.Tests.PersonalData;

/// <summary>The retention settings, and the register and privacy page made from them.</summary>
[Collection(PlatformAppCollection.Name)]
public class RegisterTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Task<HttpResponseMessage> SaveAsync(HttpClient admin, string months, string ipDays, string emailDays) =>
        admin.SubmitAsync("/admin/donnees", "main form", new Dictionary<string, string?>
        {
            ["InactiveAccountMonths"] = months,
            ["FraudIpDays"] = ipDays,
            ["AnonymousEmailDays"] = emailDays,
        });

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument page) => Regex.Replace(page.QuerySelector("main")!.TextContent, @"\s+", " ");

    [Fact]
    public async Task Changing_a_setting_changes_the_register_and_the_privacy_page()
    {
        var admin = await _app.SignedInAsync("admin");
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        Assert.Contains("effacée après 30 jours", Text(await visitor.GetDocumentAsync("/confidentialite")), StringComparison.Ordinal);
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(admin, "24", "14", "7")).StatusCode);
            _app.ForgetOrganizationCache(ParvisFactory.HostA);

            var register = Text(await admin.GetDocumentAsync("/admin/registre"));
            Assert.Contains("24 mois sans connexion", register, StringComparison.Ordinal);
            Assert.Contains("Adresse IP effacée après 14 jours ; l'événement est oublié après 30 jours", register, StringComparison.Ordinal);
            Assert.Contains("7 jours après la contribution", register, StringComparison.Ordinal);
            Assert.Contains("Vérification d'identité : En mairie", register, StringComparison.Ordinal);

            // The staff action evicted the cached anonymous page: the visitor reads the new periods at once.
            var privacy = Text(await visitor.GetDocumentAsync("/confidentialite"));
            Assert.Contains("24 mois sans connexion", privacy, StringComparison.Ordinal);
            Assert.Contains("effacée après 7 jours", privacy, StringComparison.Ordinal);
            Assert.Contains("participation@a.test", privacy, StringComparison.Ordinal);
            Assert.Contains("cnil.fr", privacy, StringComparison.Ordinal);

            var entry = await _app.InAAsync(db => db.AuditEntries.Where(a => a.Action == "organization.retention").OrderByDescending(a => a.Id).FirstAsync());
            Assert.Contains("36 → 24 mois", entry.Details, StringComparison.Ordinal);
        }
        finally
        {
            await SaveAsync(admin, "36", "30", "30");
            _app.ForgetOrganizationCache(ParvisFactory.HostA);
        }
    }

    [Theory]
    [InlineData("5", "30", "30", "La durée d'inactivité doit être entre 6 et 120 mois.")]
    [InlineData("36", "0", "30", "La conservation des adresses IP doit être entre 1 et 365 jours.")]
    [InlineData("36", "30", "", "La conservation des e-mails des contributeurs sans compte doit être entre 1 et 365 jours.")]
    [InlineData("36", "trente", "30", "La conservation des adresses IP doit être entre 1 et 365 jours.")]
    public async Task Out_of_bounds_settings_are_refused_with_a_message_and_nothing_is_saved(string months, string ipDays, string emailDays, string error)
    {
        var admin = await _app.SignedInAsync("admin");
        var response = await SaveAsync(admin, months, ipDays, emailDays);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(error, HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
        var saved = await _app.InAAsync(db => db.Organizations.Where(o => o.Id == _app.OrganizationA.Id).Select(o => o.Retention.InactiveAccountMonths).SingleAsync());
        Assert.Equal(36, saved);
    }

    [Fact]
    public void Every_text_of_the_register_has_an_english_translation()
    {
        var keys = XDocument.Load(Path.Combine(Repository.Root, "src", "Parvis", "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var texts = _app.Services.GetRequiredService<DataRegister>().AllTemplates().ToList();
        texts.AddRange(new[] { new RetentionSettings { InactiveAccountMonths = 0 }, new RetentionSettings { FraudIpDays = 0 }, new RetentionSettings { AnonymousEmailDays = 0 } }.Select(r => r.Validate()!));
        texts.Add(Parvis.Infrastructure.Web.RateLimits.Label(Parvis.Infrastructure.Web.RateLimits.PersonalDataExport));
        var missing = texts.Where(t => !keys.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "Missing from Resources/SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task The_privacy_page_is_linked_from_every_page_and_cacheable()
    {
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var home = await visitor.GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector("footer a[href='/confidentialite']"));
        var response = await visitor.GetAsync("/confidentialite");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var english = await visitor.GetDocumentAsync("/confidentialite?culture=en");
        Assert.Equal("Privacy policy", english.QuerySelector("h1")!.TextContent);
    }
}
