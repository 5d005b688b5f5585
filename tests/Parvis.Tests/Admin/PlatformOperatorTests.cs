using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Admin;

[Collection(PlatformAppCollection.Name)]
public class PlatformOperatorTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_operator_opens_an_organization_whose_administrator_sets_a_password_and_administers_it()
    {
        var operatorClient = await _app.SignedInAsync("admin");
        var host = $"nouvelle-{Guid.NewGuid():N}"[..17] + ".example";
        var adminEmail = $"dgs@{host}";
        var page = await operatorClient.SubmitAndReadAsync("/plateforme", "main form", new Dictionary<string, string?>
        {
            ["Name"] = "Ville Nouvelle",
            ["HostNames"] = host,
            ["AdministratorEmail"] = adminEmail,
        });
        Assert.Contains("La collectivité est créée", page.QuerySelector(".notice")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains(host, StringComparison.Ordinal));

        var message = await _app.Smtp.WaitForAsync(adminEmail);
        var link = new Uri(Regex.Match(message.TextBody ?? "", @"https?://\S+").Value);
        Assert.Equal(host, link.Host);
        var client = _app.ClientFor(host);
        await client.SubmitAndReadAsync(link.PathAndQuery, "main form", new Dictionary<string, string?> { ["Password"] = "mot de passe du DGS" });
        await client.LoginAsync(adminEmail, "mot de passe du DGS");
        // New organizations require a second factor for staff: administration opens once it is set.
        Assert.StartsWith("/compte/acces-refuse", (await client.GetAsync("/admin")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await client.SubmitAsync("/compte/securite", "form[action*=Start]", new Dictionary<string, string?>());
        var key = (await client.GetDocumentAsync("/compte/securite")).QuerySelector("code[data-key]")!.TextContent;
        await client.SubmitAsync("/compte/securite", "form[action*=Enable]", new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        Assert.Equal("Ville Nouvelle", (await client.GetDocumentAsync("/")).QuerySelector(".brand")!.TextContent.Trim());
        var journal = await client.GetDocumentAsync("/admin/journal");
        Assert.Contains(journal.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("organization.create", StringComparison.Ordinal));
        // The new administrator is not an operator, and sees nothing of the others.
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/plateforme")).StatusCode);
        Assert.DoesNotContain("Ville A", await client.GetStringAsync("/concertations"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "x.test", "a@x.test", "Le nom doit compter")]
    [InlineData("Ville", "", "a@x.test", "Indiquez au moins un nom d'hôte")]
    [InlineData("Ville", "pas un hôte!", "a@x.test", "n'est pas un nom d'hôte valide")]
    [InlineData("Ville", ParvisFactory.HostB, "a@x.test", "déjà utilisé")]
    [InlineData("Ville", "y.test", "pas-une-adresse", "n'est pas valide")]
    public async Task Bad_input_creates_no_organization(string name, string hosts, string email, string expected)
    {
        var operatorClient = await _app.SignedInAsync("admin");
        var before = await _app.InAAsync(db => db.Organizations.CountAsync());
        var page = await operatorClient.SubmitAndReadAsync("/plateforme", "main form", new Dictionary<string, string?>
        {
            ["Name"] = name,
            ["HostNames"] = hosts,
            ["AdministratorEmail"] = email,
        });
        Assert.Contains(page.Errors(), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, await _app.InAAsync(db => db.Organizations.CountAsync()));
    }

    [Fact]
    public async Task Only_operators_reach_the_platform_page()
    {
        Assert.NotEqual(HttpStatusCode.OK, (await (await _app.SignedInAsync("moderation")).GetAsync("/plateforme")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync("/plateforme")).StatusCode);
    }
}
