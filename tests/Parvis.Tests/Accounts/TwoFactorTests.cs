using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Accounts;

[Collection(PlatformAppCollection.Name)]
public class TwoFactorTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string WrongCode(string right) => right[..5] + (char)('0' + ((right[5] - '0' + 1) % 10));

    [Fact]
    public async Task Staff_must_enable_an_authenticator_when_the_organization_requires_it_then_sign_in_with_a_code()
    {
        var email = await _app.NewCitizenAsync(_app.OrganizationB);
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = StaffRole.Moderator, GrantedAt = DateTime.UtcNow });
            var org = await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationB.Id);
            org.RequireTwoFactorForStaff = true;
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache(ParvisFactory.HostB);
        try
        {
            var client = _app.ClientFor(ParvisFactory.HostB);
            await client.LoginAsync(email);
            var denied = await client.GetAsync("/moderation");
            Assert.StartsWith("/compte/acces-refuse", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            var explanation = await client.GetDocumentAsync(denied.Headers.Location!.PathAndQuery);
            Assert.Contains("exige la double authentification", explanation.QuerySelector("main")!.TextContent);

            await client.SubmitAsync("/compte/securite", "form[action*=Start]", new Dictionary<string, string?>());
            var security = await client.GetDocumentAsync("/compte/securite");
            var key = security.QuerySelector("code[data-key]")!.TextContent;
            var page = await client.SubmitAndReadAsync("/compte/securite", "form[action*=Enable]", new Dictionary<string, string?> { ["Code"] = WrongCode(Totp.Code(key)) });
            Assert.Contains(page.Errors(), e => e.Contains("Ce code ne correspond pas", StringComparison.Ordinal));
            page = await client.SubmitAndReadAsync("/compte/securite", "form[action*=Enable]", new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
            Assert.Equal(10, page.QuerySelectorAll(".recovery-codes li").Length);
            var recovery = page.QuerySelector(".recovery-codes code")!.TextContent;
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/moderation")).StatusCode);

            var fresh = _app.ClientFor(ParvisFactory.HostB);
            var login = await fresh.SubmitAsync("/compte/connexion", "main form", new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = ParvisFactory.Password });
            Assert.StartsWith("/compte/connexion-2fa", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.NotEqual(HttpStatusCode.OK, (await fresh.GetAsync("/moderation")).StatusCode);
            page = await fresh.SubmitAndReadAsync("/compte/connexion-2fa", "main form", new Dictionary<string, string?> { ["Code"] = "12345" });
            Assert.Contains("Ce code n'est pas valable.", page.Errors());
            var done = await fresh.SubmitAsync("/compte/connexion-2fa", "main form", new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/moderation")).StatusCode);

            var withRecovery = _app.ClientFor(ParvisFactory.HostB);
            await withRecovery.SubmitAsync("/compte/connexion", "main form", new Dictionary<string, string?> { ["Form.Email"] = email, ["Form.Password"] = ParvisFactory.Password });
            await withRecovery.SubmitAsync("/compte/connexion-2fa", "main form", new Dictionary<string, string?> { ["Code"] = recovery, ["UseRecoveryCode"] = "true" });
            Assert.Equal(HttpStatusCode.OK, (await withRecovery.GetAsync("/moderation")).StatusCode);

            Assert.Empty((await fresh.GetDocumentAsync("/compte/securite")).QuerySelectorAll("form[action*=Disable]"));
            page = await fresh.SubmitAndReadAsync("/compte/securite", "header form", new Dictionary<string, string?>(), "/compte/securite?handler=Disable");
            Assert.Contains(page.Errors(), e => e.Contains("ne peut pas être désactivée", StringComparison.Ordinal));
        }
        finally
        {
            await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
            {
                (await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationB.Id)).RequireTwoFactorForStaff = false;
                return await db.SaveChangesAsync();
            });
            _app.ForgetOrganizationCache(ParvisFactory.HostB);
        }
    }

    [Fact]
    public async Task Opening_the_security_page_ends_no_session_and_the_setup_shows_a_qr_code_beside_the_key()
    {
        var email = await _app.NewCitizenAsync();
        var laptop = _app.ClientFor(ParvisFactory.HostA);
        await laptop.LoginAsync(email);
        var phone = _app.ClientFor(ParvisFactory.HostA);
        await phone.LoginAsync(email);

        var page = await laptop.GetDocumentAsync("/compte/securite");
        Assert.Null(page.QuerySelector("code[data-key]"));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/compte/securite")).StatusCode);

        await laptop.SubmitAsync("/compte/securite", "form[action*=Start]", new Dictionary<string, string?>());
        page = await laptop.GetDocumentAsync("/compte/securite");
        var key = page.QuerySelector("code[data-key]")!.TextContent;
        var secret = key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Contains($"secret={secret}", page.QuerySelector("a[href^='otpauth://totp/']")!.GetAttribute("href"), StringComparison.Ordinal);
        var qr = page.QuerySelector("svg.qr-code[role=img]")!;
        Assert.False(string.IsNullOrEmpty(qr.GetAttribute("aria-label")));
        Assert.NotEmpty(qr.QuerySelector("path")!.GetAttribute("d")!);
        // Reading the page again shows the same key: nothing is made on a visit.
        Assert.Equal(key, (await laptop.GetDocumentAsync("/compte/securite")).QuerySelector("code[data-key]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/compte/securite")).StatusCode);

        page = await laptop.SubmitAndReadAsync("/compte/securite", "form[action*=Enable]", new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.Equal(10, page.QuerySelectorAll(".recovery-codes li").Length);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/compte/securite")).StatusCode);
    }
}
