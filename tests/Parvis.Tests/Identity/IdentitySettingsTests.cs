using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Identity;
using Parvis.Testing;

namespace Parvis.Tests.Identity;

[Collection(PlatformAppCollection.Name)]
public class IdentitySettingsTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_methods_the_validity_and_the_provider_are_set_the_secret_is_write_only_and_every_change_is_audited()
    {
        var admin = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        var home = await admin.GetDocumentAsync("/admin");
        Assert.NotNull(home.QuerySelector("a[href='/admin/identite']"));

        var page = await admin.SubmitAndReadAsync("/admin/identite", "main form", new Dictionary<string, string?> { ["Form.OidcIssuer"] = "javascript:alert(1)", ["Form.CensusMonths"] = "0" });
        Assert.Contains("L'émetteur doit être une adresse https://.", page.Errors());
        Assert.Contains("La durée de validité doit être entre 1 et 120 mois.", page.Errors());

        const string secret = "s3cr3t-du-fournisseur";
        var form = await admin.GetDocumentAsync("/admin/identite");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("Form.Methods", "Census"), new("Form.Methods", "PostalLetter"),
            new("Form.FranceConnectMonths", "12"), new("Form.CensusMonths", "6"), new("Form.InPersonMonths", "24"), new("Form.PostalLetterMonths", "12"),
            new("Form.OidcDisplayName", "ProConnect"), new("Form.OidcIssuer", "https://auth.exemple.gouv.fr"), new("Form.OidcClientId", "parvis-b"),
            new("Form.OidcClientSecret", secret),
        };
        var response = await admin.PostAsync("/admin/identite", new FormUrlEncodedContent(fields));
        page = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("Réglages enregistrés.", page.QuerySelector(".notice")!.TextContent);
        Assert.DoesNotContain(secret, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("", page.QuerySelector("input[name='Form.OidcClientSecret']")!.GetAttribute("value") ?? "");
        Assert.NotNull(page.QuerySelector("input[name='Form.Methods'][value=Census][checked]"));
        Assert.Null(page.QuerySelector("input[name='Form.Methods'][value=InPerson][checked]"));

        var (identity, audit) = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) => (
            await db.Organizations.AsNoTracking().Where(o => o.Id == _app.OrganizationB.Id).Select(o => o.Identity).SingleAsync(),
            await db.AuditEntries.Where(a => a.Action == "identity.settings").Select(a => a.Details).ToListAsync()));
        Assert.Equal(VerificationMethods.Census | VerificationMethods.PostalLetter, identity.EnabledMethods);
        Assert.Equal(6, identity.CensusMonths);
        Assert.Equal("ProConnect", identity.OidcDisplayName);
        Assert.NotEqual(secret, identity.OidcClientSecretProtected);
        var protector = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(SettingsModel.SecretPurpose);
        Assert.Equal(secret, protector.Unprotect(identity.OidcClientSecretProtected!));
        var details = Assert.Single(audit);
        Assert.Contains("secret client remplacé", details, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, details, StringComparison.Ordinal);

        // An empty secret field keeps the secret; "Mon identité" offers only what is enabled.
        page = await admin.SubmitAndReadAsync("/admin/identite", "main form", new Dictionary<string, string?> { ["Form.OidcDisplayName"] = "FranceConnect" });
        var kept = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Organizations.Where(o => o.Id == _app.OrganizationB.Id).Select(o => o.Identity.OidcClientSecretProtected).SingleAsync());
        Assert.Equal(identity.OidcClientSecretProtected, kept);
        var citizen = _app.ClientFor(ParvisFactory.HostB);
        await citizen.LoginAsync(await _app.NewCitizenAsync(_app.OrganizationB));
        var mine = await citizen.GetDocumentAsync("/compte/identite");
        Assert.NotNull(mine.QuerySelector("#liste"));
        Assert.Null(mine.QuerySelector("#mairie"));

        // Back to the demo's choice for the other tests of Ville B.
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var o = await db.Organizations.SingleAsync(x => x.Id == _app.OrganizationB.Id);
            o.Identity.EnabledMethods = VerificationMethods.Census | VerificationMethods.InPerson | VerificationMethods.PostalLetter;
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache(ParvisFactory.HostB);
    }
}
