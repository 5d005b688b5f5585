using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Accounts;

/// <summary>"Mon compte": pseudonym and names, a new e-mail address confirmed by its link, a new password; each security change told by e-mail.</summary>
[Collection(PlatformAppCollection.Name)]
public class AccountPageTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_pseudonym_and_names_change_and_the_header_shows_the_new_pseudonym()
    {
        var (client, email) = await _app.CitizenClientAsync();
        var pseudonym = "Nouveau" + Guid.NewGuid().ToString("N")[..6];
        var page = await client.SubmitAndReadAsync("/compte", "form[action*=Profile]", new Dictionary<string, string?>
        {
            ["Profile.Pseudonym"] = "  " + pseudonym + " ",
            ["Profile.FirstName"] = "Inès",
            ["Profile.LastName"] = "",
        });
        Assert.Contains("Vos informations sont enregistrées.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Se déconnecter ({pseudonym})", page.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        var user = await _app.InAAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal((pseudonym, "Inès", (string?)null), (user.Pseudonym, user.FirstName, user.LastName));

        page = await client.SubmitAndReadAsync("/compte", "form[action*=Profile]", new Dictionary<string, string?> { ["Profile.Pseudonym"] = "x" });
        Assert.Contains("Le pseudonyme compte de 2 à 60 caractères.", page.Errors());
        Assert.Equal(pseudonym, await _app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Pseudonym).SingleAsync()));
    }

    [Fact]
    public async Task A_new_address_replaces_the_old_one_only_once_its_link_is_confirmed_and_both_addresses_are_told()
    {
        var (client, email) = await _app.CitizenClientAsync();
        var next = $"nouvelle-{Guid.NewGuid():N}@example.org";
        var page = await client.SubmitAndReadAsync("/compte", "form[action*=Email]", new Dictionary<string, string?>
        {
            ["Email.NewAddress"] = next,
            ["Email.CurrentPassword"] = "pas le bon",
        });
        Assert.Contains("Le mot de passe actuel n'est pas le bon.", page.Errors());

        page = await client.SubmitAndReadAsync("/compte", "form[action*=Email]", new Dictionary<string, string?>
        {
            ["Email.NewAddress"] = next,
            ["Email.CurrentPassword"] = ParvisFactory.Password,
        });
        Assert.Contains("Un lien de confirmation est envoyé", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var warning = await _app.Smtp.WaitForAsync(email, m => m.TextBody?.Contains("changement de l'adresse", StringComparison.Ordinal) == true);
        Assert.Contains("/compte/mot-de-passe-oublie", warning.TextBody, StringComparison.Ordinal);
        Assert.Equal(email, await _app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Email).SingleAsync()));

        var link = new Uri(TestSmtpServer.LinkIn(await _app.Smtp.WaitForAsync(next)));
        Assert.Equal(ParvisFactory.HostA, link.Host);
        page = await client.SubmitAndReadAsync(link.PathAndQuery, "main form", new Dictionary<string, string?>());
        Assert.Contains("Votre nouvelle adresse e-mail est confirmée.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        await _app.Smtp.WaitForAsync(email, m => m.TextBody?.Contains("a été changée", StringComparison.Ordinal) == true);

        var fresh = _app.ClientFor(ParvisFactory.HostA);
        await fresh.LoginAsync(next);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/compte")).StatusCode);
        // The link served once.
        page = await _app.ClientFor(ParvisFactory.HostA).SubmitAndReadAsync(link.PathAndQuery, "main form", new Dictionary<string, string?>());
        Assert.Contains("n'est pas valable", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_password_needs_the_current_one_and_ends_the_other_sessions()
    {
        var (client, email) = await _app.CitizenClientAsync();
        var other = _app.ClientFor(ParvisFactory.HostA);
        await other.LoginAsync(email);

        var page = await client.SubmitAndReadAsync("/compte", "form[action*=Password]", new Dictionary<string, string?>
        {
            ["Password.CurrentPassword"] = "pas le bon",
            ["Password.NewPassword"] = "un nouveau mot de passe",
        });
        Assert.Contains("Le mot de passe actuel n'est pas le bon.", page.Errors());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/compte")).StatusCode);

        page = await client.SubmitAndReadAsync("/compte", "form[action*=Password]", new Dictionary<string, string?>
        {
            ["Password.CurrentPassword"] = ParvisFactory.Password,
            ["Password.NewPassword"] = "un nouveau mot de passe",
        });
        Assert.Contains("Votre mot de passe est changé.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/compte")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/compte")).StatusCode);
        await _app.Smtp.WaitForAsync(email, m => m.TextBody?.Contains("mot de passe de votre compte vient d'être changé", StringComparison.Ordinal) == true);
        await _app.ClientFor(ParvisFactory.HostA).LoginAsync(email, "un nouveau mot de passe");
    }
}
