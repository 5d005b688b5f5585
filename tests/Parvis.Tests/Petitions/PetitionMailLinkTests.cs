using MimeKit;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>
/// The e-mails of a petition's life link to the organization's own address, and each link opens a real page.
/// (Every e-mail any test waits for is held to the organization's address by <see cref="TestSmtpServer.LinkBases"/>.)
/// </summary>
[Collection(InitiativesAppCollection.Name)]
public class PetitionMailLinkTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_signature_threshold_and_response_e_mails_link_to_pages_of_the_organization()
    {
        var author = await _app.NewCitizenAsync();
        var id = await _app.NewOpenPetitionAsync(responseThreshold: 1, agendaThreshold: null, authorEmail: author);
        var signer = SignatureTestData.NewEmail();
        await _app.SignAndConfirmAsync(_app.ClientFor(ParvisFactory.HostA), id, signer);
        await AssertLinksOpenAsync(await _app.Smtp.WaitForAsync(signer, m => (m.Subject ?? "").Contains("confirmez votre signature", StringComparison.Ordinal)));

        // The threshold is crossed by the confirmation, written outside any request.
        var threshold = await _app.Smtp.WaitForAsync(author, m => (m.Subject ?? "").Contains("a franchi un seuil", StringComparison.Ordinal));
        await AssertLinksOpenAsync(threshold, $"/petitions/{id}");

        var agent = await _app.SignedInAsync("agent");
        await agent.SubmitAsync($"/petitions/{id}", "form[action*=DraftResponse]", new Dictionary<string, string?> { ["body"] = "Nous y répondons." });
        var elected = await _app.SignedInAsync("elu");
        await elected.SubmitAsync("/reponses", $"li:has(a[href='/petitions/{id}']) form", new Dictionary<string, string?>());
        var response = await _app.Smtp.WaitForAsync(author, m => (m.Subject ?? "").Contains("réponse officielle", StringComparison.Ordinal));
        await AssertLinksOpenAsync(response, $"/petitions/{id}");
    }

    private async Task AssertLinksOpenAsync(MimeMessage message, string? expectedPath = null)
    {
        var links = TestSmtpServer.LinksIn(message).Select(l => new Uri(l)).ToList();
        Assert.NotEmpty(links);
        if (expectedPath is not null) Assert.Contains(links, l => l.AbsolutePath == expectedPath);
        foreach (var link in links)
        {
            Assert.Equal("http", link.Scheme);
            Assert.Equal(ParvisFactory.HostA, link.Authority);
            var page = await _app.ClientFor(link.Host).GetAsync(link.PathAndQuery);
            Assert.True((int)page.StatusCode < 400, $"{link} answered {(int)page.StatusCode}");
        }
    }
}
