using System.Text.RegularExpressions;
using Parvis.Testing;

namespace Parvis.Tests.Accounts;

/// <summary>
/// A single-organization installation answers on any host name; e-mailed links must still point to
/// the organization's own host, or a forged Host header would send reset tokens to an attacker.
/// </summary>
public sealed class LinkHostTests : IAsyncLifetime
{
    private sealed class SingleOrganizationFactory : ParvisFactory
    {
        protected override bool SecondOrganization => false;
    }

    private readonly SingleOrganizationFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_password_reset_asked_through_a_forged_host_links_to_the_organizations_host()
    {
        var email = await _app.NewCitizenAsync();
        var forged = _app.ClientFor("attaquant.example");
        var page = await forged.SubmitAndReadAsync("/compte/mot-de-passe-oublie", "main form", new Dictionary<string, string?> { ["Email"] = email });
        Assert.Contains("Si un compte existe", page.QuerySelector(".notice")!.TextContent);
        var message = await _app.Smtp.WaitForAsync(email);
        var link = new Uri(Regex.Match(message.TextBody ?? "", @"https?://\S+").Value);
        Assert.Equal(ParvisFactory.HostA, link.Host);
    }
}
