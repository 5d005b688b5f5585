using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Legal;

[Collection(PlatformAppCollection.Name)]
public class LegalPagesTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task An_organization_that_declared_nothing_is_non_compliant_names_the_recourse_and_publishes_a_legal_notice()
    {
        // A new organization, as create-organization makes it (the test organizations carry the demo's statement).
        const string Host = "nouvelle.test";
        var created = await _app.InOrganizationAsync(_app.OrganizationA, async (db, _) =>
        {
            var organization = new Organization { Name = "Ville Nouvelle", Hosts = [new OrganizationHost { HostName = Host }] };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return organization;
        });
        try
        {
            var visitor = _app.ClientFor(Host);
            var home = await visitor.GetDocumentAsync("/");
            var footer = home.QuerySelector("footer")!;
            Assert.Equal("Accessibilité : non conforme", footer.QuerySelector("a[href='/accessibilite']")!.TextContent.Trim());
            Assert.NotNull(footer.QuerySelector("a[href='/mentions-legales']"));

            var statement = (await visitor.GetDocumentAsync("/accessibilite")).QuerySelector("main")!.TextContent;
            Assert.Contains("est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA)", statement, StringComparison.Ordinal);
            Assert.Contains("Aucun audit de conformité n'a encore été réalisé", statement, StringComparison.Ordinal);
            Assert.Contains("Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07", statement, StringComparison.Ordinal);

            var notice = await visitor.GetDocumentAsync("/mentions-legales");
            var paragraphs = notice.QuerySelectorAll("main p.multiline").Select(p => p.TextContent.Trim()).ToList();
            Assert.Equal(["Ville Nouvelle", "Le maire ou le président de Ville Nouvelle"], paragraphs);
            Assert.Contains("La collectivité n'a pas encore indiqué son hébergeur.", notice.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            await _app.InOrganizationAsync(_app.OrganizationA, async (db, _) =>
                await db.Set<OrganizationHost>().Where(h => h.HostName == Host).ExecuteDeleteAsync() + await db.Organizations.Where(o => o.Id == created.Id).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task The_administrator_declares_the_audit_and_the_footer_shows_the_level_it_gives_in_that_organization_only()
    {
        var admin = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        const string Form = "form[action*=Accessibility]";
        var page = await admin.SubmitAndReadAsync("/admin/pages-legales", Form, new Dictionary<string, string?> { ["Accessibility.Rate"] = "75", ["Accessibility.AuditDate"] = "" });
        Assert.Contains("Indiquez la date de l'audit qui a mesuré le taux de conformité.", page.Errors());
        page = await admin.SubmitAndReadAsync("/admin/pages-legales", Form, new Dictionary<string, string?>
        {
            ["Accessibility.Rate"] = "140",
            ["Accessibility.AuditDate"] = "2026-06-01",
        });
        Assert.Contains("Le taux de conformité doit être entre 0 et 100 %.", page.Errors());

        page = await admin.SubmitAndReadAsync("/admin/pages-legales", Form, new Dictionary<string, string?>
        {
            ["Accessibility.Rate"] = "40",
            ["Accessibility.AuditDate"] = "2026-06-01",
            ["Accessibility.AuditedBy"] = "Access42",
            ["Accessibility.NonCompliances"] = "- La carte <script>alert(1)</script> n'a pas d'alternative",
            ["Accessibility.Contact"] = "accessibilite@ville-b.test",
        });
        Assert.Equal("Page enregistrée.", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Accessibilité : non conforme", page.QuerySelector("footer a[href='/accessibilite']")!.TextContent.Trim());

        var statement = await _app.ClientFor(ParvisFactory.HostB).GetDocumentAsync("/accessibilite");
        var main = statement.QuerySelector("main")!;
        Assert.Contains("le 1 juin 2026 par Access42 révèle que 40 % des critères", main.TextContent, StringComparison.Ordinal);
        Assert.Equal("La carte <script>alert(1)</script> n'a pas d'alternative", main.QuerySelector("li")!.TextContent);
        Assert.Null(main.QuerySelector("script"));
        Assert.NotNull(main.QuerySelector("a[href='mailto:accessibilite@ville-b.test']"));
        var audited = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) =>
            db.AuditEntries.Where(a => a.Action == "organization.accessibility").Select(a => a.Details).ToListAsync());
        Assert.Equal(["40 %"], audited);
        var elsewhere = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/");
        Assert.Equal("Accessibilité : partiellement conforme", elsewhere.QuerySelector("footer a[href='/accessibilite']")!.TextContent.Trim());

        page = await admin.SubmitAndReadAsync("/admin/pages-legales", "form[action*=Notice]", new Dictionary<string, string?>
        {
            ["Notice.Director"] = "Mme la maire",
            ["Notice.Host"] = "Hébergeur Exemple\n1 rue du Serveur",
        });
        Assert.Equal("Page enregistrée.", page.QuerySelector(".notice")!.TextContent);
        var notice = await _app.ClientFor(ParvisFactory.HostB).GetDocumentAsync("/mentions-legales");
        Assert.Contains(notice.QuerySelectorAll("p.multiline"), p => p.TextContent == "Mme la maire");
        Assert.Contains(notice.QuerySelectorAll("p.multiline"), p => p.TextContent == "Hébergeur Exemple\n1 rue du Serveur");
        Assert.Equal(1, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.AuditEntries.CountAsync(a => a.Action == "organization.legal-notice")));
    }

    [Theory]
    [InlineData(null, AccessibilityConformity.NotCompliant)]
    [InlineData(49, AccessibilityConformity.NotCompliant)]
    [InlineData(50, AccessibilityConformity.PartiallyCompliant)]
    [InlineData(99, AccessibilityConformity.PartiallyCompliant)]
    [InlineData(100, AccessibilityConformity.FullyCompliant)]
    public void The_level_follows_the_rate_as_the_RGAA_defines_it(int? rate, AccessibilityConformity level) =>
        Assert.Equal(level, new LegalPages { AccessibilityRate = rate }.Conformity);
}
