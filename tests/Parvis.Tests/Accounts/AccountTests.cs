using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Accounts;

[Collection(PlatformAppCollection.Name)]
public class AccountTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string?> SignUpForm(string email, string password = "un mot de passe long") => new()
    {
        ["Form.Email"] = email,
        ["Form.Pseudonym"] = "Nouvelle",
        ["Form.FirstName"] = "Nadia",
        ["Form.LastName"] = "Nouri",
        ["Form.Password"] = password,
        ["Form.AcceptCharter"] = "true",
    };

    private static string LinkIn(MimeKit.MimeMessage message) => TestSmtpServer.LinkIn(message);

    [Fact]
    public async Task Sign_up_sends_a_confirmation_link_by_smtp_and_the_link_opens_the_account()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var email = $"nadia-{Guid.NewGuid():N}@example.org";
        var page = await client.SubmitAndReadAsync("/compte/inscription", "main form", SignUpForm(email));
        Assert.Contains("e-mail de confirmation", page.QuerySelector(".notice")!.TextContent);

        var early = await client.SubmitAsync("/compte/connexion", "main form", new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = "un mot de passe long" });
        Assert.Contains("Confirmez d'abord", await early.TextAsync());

        var message = await _app.Smtp.WaitForAsync(email);
        Assert.Contains("Ville A", message.Subject);
        var link = new Uri(LinkIn(message));
        Assert.Equal(ParvisFactory.HostA, link.Host);
        var confirmed = await client.GetDocumentAsync(link.PathAndQuery);
        Assert.Contains("est confirmée", confirmed.QuerySelector("main")!.TextContent);

        await client.LoginAsync(email, "un mot de passe long");
        var home = await client.GetDocumentAsync("/");
        Assert.Contains("Se déconnecter (Nouvelle)", home.QuerySelector("header")!.TextContent);
    }

    [Theory]
    [InlineData("", "un mot de passe long", "Indiquez votre adresse e-mail.")]
    [InlineData("pas-une-adresse", "un mot de passe long", "L'adresse e-mail n'est pas valide.")]
    [InlineData("court@example.org", "court", "au moins 10 caractères")]
    public async Task Bad_sign_up_input_gets_a_french_message_and_creates_nothing(string email, string password, string expected)
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var before = await _app.InAAsync(db => db.Users.CountAsync());
        var page = await client.SubmitAndReadAsync("/compte/inscription", "main form", SignUpForm(email, password));
        Assert.Contains(page.Errors(), e => e.Contains(expected, StringComparison.Ordinal));
        // The refused field says so itself, for screen readers; an accepted one does not.
        var emailRefused = email != "court@example.org";
        Assert.Equal(emailRefused ? "true" : null, page.QuerySelector("#Form_Email")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await _app.InAAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task The_confirmation_email_is_written_in_the_language_of_the_sign_up()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var email = $"english-{Guid.NewGuid():N}@example.org";
        await client.SubmitAsync("/compte/inscription?culture=en", "main form", SignUpForm(email), "/compte/inscription?culture=en");
        var message = await _app.Smtp.WaitForAsync(email);
        Assert.Equal("Ville A: confirm your email address", message.Subject);
        Assert.StartsWith("Hello Nouvelle,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("To activate your account, open this link:", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_confirmation_link_says_so_and_logout_ends_the_session()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var page = await client.GetDocumentAsync($"/compte/confirmer?userId={Guid.NewGuid()}&code=pas-un-code");
        Assert.Contains("n'est pas valable", page.QuerySelector("main")!.TextContent);
        page = await client.GetDocumentAsync("/compte/confirmer?userId=nimporte");
        Assert.Contains("n'est pas valable", page.QuerySelector("main")!.TextContent);

        var (citizen, _) = await _app.CitizenClientAsync();
        Assert.NotNull((await citizen.GetDocumentAsync("/")).QuerySelector("header form[action='/compte/deconnexion']"));
        await citizen.SubmitAsync("/", "header form[action='/compte/deconnexion']", new Dictionary<string, string?>());
        Assert.Null((await citizen.GetDocumentAsync("/")).QuerySelector("header form[action='/compte/deconnexion']"));
        Assert.StartsWith("/compte/connexion", (await citizen.GetAsync("/compte/securite")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_charter_must_be_accepted()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var form = SignUpForm($"charte-{Guid.NewGuid():N}@example.org");
        form["Form.AcceptCharter"] = "false";
        var page = await client.SubmitAndReadAsync("/compte/inscription", "main form", form);
        Assert.Contains(page.Errors(), e => e.Contains("charte", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_taken_address_reads_like_a_new_one_at_sign_up_and_its_owner_is_told_by_e_mail()
    {
        var email = await _app.NewCitizenAsync();
        var fresh = await _app.ClientFor(ParvisFactory.HostA)
            .SubmitAndReadAsync("/compte/inscription", "main form", SignUpForm($"libre-{Guid.NewGuid():N}@example.org"));
        var taken = await _app.ClientFor(ParvisFactory.HostA).SubmitAndReadAsync("/compte/inscription", "main form", SignUpForm(email));

        Assert.Empty(taken.Errors());
        Assert.Equal(fresh.QuerySelector(".notice")!.TextContent, taken.QuerySelector(".notice")!.TextContent);
        Assert.Equal(1, await _app.InAAsync(db => db.Users.CountAsync(u => u.Email == email)));
        var message = await _app.Smtp.WaitForAsync(email, m => m.Subject?.Contains("tentative d'inscription", StringComparison.Ordinal) == true);
        Assert.Contains($"http://{ParvisFactory.HostA}/compte/mot-de-passe-oublie", message.TextBody, StringComparison.Ordinal);

        // The same address is free in another organization.
        var b = await _app.ClientFor(ParvisFactory.HostB).SubmitAndReadAsync("/compte/inscription", "main form", SignUpForm(email));
        Assert.Empty(b.Errors());
        Assert.Equal(1, await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task A_failed_sign_in_reads_and_costs_the_same_for_a_real_and_an_unknown_address()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var real = await _app.NewCitizenAsync();
        var unknown = $"personne-{Guid.NewGuid():N}@example.org";
        async Task<(TimeSpan Took, string Error)> FailAsync(string email)
        {
            var form = await client.GetDocumentAsync("/compte/connexion");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await client.SubmitAsync(form, "/compte/connexion", "main form",
                new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = "mauvais mot de passe" });
            watch.Stop();
            return (watch.Elapsed, string.Join(' ', HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors()));
        }

        var realTries = new List<(TimeSpan Took, string Error)>();
        var unknownTries = new List<(TimeSpan Took, string Error)>();
        for (var i = 0; i < 6; i++)
        {
            realTries.Add(await FailAsync(real));
            unknownTries.Add(await FailAsync(unknown));
        }

        // The fifth wrong password locked the real account: the sixth still reads like a wrong password.
        Assert.All(realTries.Concat(unknownTries), t => Assert.Equal("Adresse e-mail ou mot de passe incorrect.", t.Error));
        // Checking a password takes tens of milliseconds: an unknown address must not answer several times faster.
        var fastestReal = realTries.Take(4).Min(t => t.Took);
        var fastestUnknown = unknownTries.Take(4).Min(t => t.Took);
        Assert.True(fastestUnknown > fastestReal / 2, $"unknown {fastestUnknown.TotalMilliseconds} ms, real {fastestReal.TotalMilliseconds} ms");
        var warning = await _app.Smtp.WaitForAsync(real, m => m.Subject?.Contains("bloqué", StringComparison.Ordinal) == true);
        Assert.Contains("/compte/mot-de-passe-oublie", warning.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_of_the_session_cookie_is_refused_once_the_person_signed_out()
    {
        var email = await _app.NewCitizenAsync();
        var client = _app.ClientFor(ParvisFactory.HostA);
        var login = await client.SubmitAsync("/compte/connexion", "main form",
            new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = ParvisFactory.Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("parvis.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"http://{ParvisFactory.HostA}"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/compte/donnees/export.json")).StatusCode);

        await client.SubmitAsync("/", "header form[action='/compte/deconnexion']", new Dictionary<string, string?>());

        var after = await copy.GetAsync("/compte/donnees/export.json");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/compte/connexion", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_reset_by_email_link()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var email = await _app.NewCitizenAsync();
        var page = await client.SubmitAndReadAsync("/compte/mot-de-passe-oublie", "main form", new Dictionary<string, string?> { ["Email"] = email });
        Assert.Contains("Si un compte existe", page.QuerySelector(".notice")!.TextContent);
        var message = await _app.Smtp.WaitForAsync(email, m => m.Subject?.Contains("mot de passe", StringComparison.Ordinal) == true);
        var link = new Uri(LinkIn(message));
        await client.SubmitAndReadAsync(link.PathAndQuery, "main form", new Dictionary<string, string?> { ["Password"] = "nouveau mot de passe sûr" });
        await client.LoginAsync(email, "nouveau mot de passe sûr");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var email = await _app.NewCitizenAsync();
        for (var i = 0; i < 5; i++)
            await client.SubmitAsync("/compte/connexion", "main form", new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = "mauvais mot de passe" });
        var response = await client.SubmitAsync("/compte/connexion", "main form", new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = ParvisFactory.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("temporairement bloqué", await response.TextAsync());
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var before = await _app.InAAsync(db => db.Users.CountAsync());
        var response = await client.PostAsync("/compte/inscription", new FormUrlEncodedContent(SignUpForm($"forge-{Guid.NewGuid():N}@example.org")!));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Requête invalide", await response.TextAsync());
        Assert.Equal(before, await _app.InAAsync(db => db.Users.CountAsync()));
    }
}
