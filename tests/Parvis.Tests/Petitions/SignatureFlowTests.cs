using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>Signing a petition: the e-mail link makes it count, once, whatever the clicks and the concurrency.</summary>
[Collection(InitiativesAppCollection.Name)]
public class SignatureFlowTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_signature_counts_once_its_link_is_followed_and_only_once()
    {
        var id = await _app.NewSignablePetitionAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = SignatureTestData.NewEmail();
        var signed = await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Equal($"/petitions/{id}", signed.Headers.Location!.OriginalString);
        Assert.Equal(0, await _app.CountAsync(id));

        var message = await _app.Smtp.WaitForAsync(email);
        var link = new Uri(TestSmtpServer.LinkIn(message));
        Assert.Equal(ParvisFactory.HostA, link.Host);
        // Opening the link shows a button and counts nothing (mail scanners open links).
        var page = await visitor.GetDocumentAsync(link.PathAndQuery);
        Assert.Equal("Confirmer ma signature", page.QuerySelector("main form button")!.TextContent.Trim());
        Assert.Equal(0, await _app.CountAsync(id));

        var first = await visitor.SubmitAsync(link.PathAndQuery, "main form", new Dictionary<string, string?>());
        Assert.Equal($"/petitions/{id}#signature-confirmee", first.Headers.Location!.OriginalString);
        Assert.Equal(1, await _app.CountAsync(id));
        Assert.Equal("{\"count\":1}", await visitor.GetStringAsync($"/petitions/{id}/compte"));

        var again = await visitor.SubmitAsync(link.PathAndQuery, "main form", new Dictionary<string, string?>());
        Assert.Equal($"/petitions/{id}#signature-deja-confirmee", again.Headers.Location!.OriginalString);
        Assert.Equal(1, await _app.CountAsync(id));
    }

    [Fact]
    public async Task The_live_count_is_anonymous_short_lived_json_and_unknown_petitions_are_not_found()
    {
        var id = await _app.NewSignablePetitionAsync();
        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/petitions/{id}/compte");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("max-age=1", response.Headers.CacheControl!.ToString());
        Assert.Equal("{\"count\":0}", await response.Content.ReadAsStringAsync());
        // Live: not held by the anonymous page cache, only by the count's one second in memory.
        var reader = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal("{\"count\":0}", await reader.GetStringAsync($"/petitions/{id}/compte"));
        await _app.SignAndConfirmAsync(_app.ClientFor(ParvisFactory.HostA), id, SignatureTestData.NewEmail());
        await Task.Delay(1100);
        Assert.Equal("{\"count\":1}", await reader.GetStringAsync($"/petitions/{id}/compte"));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostB).GetAsync($"/petitions/{id}/compte")).StatusCode);
        var draft = await _app.NewSignablePetitionAsync(adjust: p => p.Status = PetitionStatus.Draft);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/petitions/{draft}/compte")).StatusCode);
    }

    [Fact]
    public async Task The_same_person_signing_twice_at_once_with_another_spelling_signs_once_without_error()
    {
        var id = await _app.NewSignablePetitionAsync();
        var local = "jean.dupont" + Guid.NewGuid().ToString("N")[..6];
        var first = _app.ClientFor(ParvisFactory.HostA);
        var second = _app.ClientFor(ParvisFactory.HostA);
        // Both forms are read first, then both POSTs leave together.
        var firstForm = await first.GetDocumentAsync($"/petitions/{id}/signer");
        var secondForm = await second.GetDocumentAsync($"/petitions/{id}/signer");
        var answers = await Task.WhenAll(
            first.SubmitAsync(firstForm, $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer($"{local}@gmail.com")),
            second.SubmitAsync(secondForm, $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer($"{local.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant()}+petition@GoogleMail.com")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await _app.SignatureRowsAsync(id));

        // Signing again later is answered like a first signature.
        var page = await first.SubmitAndReadAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer($"{local}@gmail.com"));
        Assert.Contains("Un e-mail vient de vous être envoyé", page.Source.Text, StringComparison.Ordinal);
        Assert.Equal(1, await _app.SignatureRowsAsync(id));
    }

    [Fact]
    public async Task Whether_an_address_signed_is_told_to_its_mailbox_only()
    {
        var id = await _app.NewSignablePetitionAsync();
        var signer = SignatureTestData.NewEmail();
        await _app.SignAndConfirmAsync(_app.ClientFor(ParvisFactory.HostA), id, signer);
        await _app.InAAsync(db => db.PetitionSignatures.Where(s => s.PetitionId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LinkSentAt, DateTime.UtcNow.AddMinutes(-6))));

        // Someone else tries the address that signed, and an address that never did: the answers are the same.
        var prober = _app.ClientFor(ParvisFactory.HostA);
        var signedBefore = await prober.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(signer));
        var signedBeforePage = await prober.GetStringAsync(signedBefore.Headers.Location!.OriginalString);
        var fresh = SignatureTestData.NewEmail();
        var newSignature = await prober.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(fresh));
        var newSignaturePage = await prober.GetStringAsync(newSignature.Headers.Location!.OriginalString);
        Assert.Equal(newSignature.StatusCode, signedBefore.StatusCode);
        Assert.Equal(newSignature.Headers.Location, signedBefore.Headers.Location);
        Assert.Equal(Notice(newSignaturePage), Notice(signedBeforePage));
        Assert.Contains("Un e-mail vient de vous être envoyé", Notice(signedBeforePage), StringComparison.Ordinal);

        // The mailbox hears it, and its signature still counts once.
        var told = await _app.Smtp.WaitForAsync(signer, m => (m.Subject ?? "").Contains("déjà signé", StringComparison.Ordinal));
        Assert.Contains("une seule signature par adresse est comptée", told.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await _app.CountAsync(id));
    }

    private static string Notice(string html) => HtmlClient.Parse(html).QuerySelector(".notice")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Eight_people_confirming_at_once_count_eight()
    {
        var id = await _app.NewSignablePetitionAsync();
        var people = Enumerable.Range(0, 8).Select(_ => (Client: _app.ClientFor(ParvisFactory.HostA), Email: SignatureTestData.NewEmail())).ToList();
        foreach (var (client, email) in people)
            await client.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        var links = new List<(HttpClient Client, string Link, AngleSharp.Html.Dom.IHtmlDocument Page)>();
        foreach (var (client, email) in people)
        {
            var link = await _app.ConfirmationLinkAsync(email);
            links.Add((client, link, await client.GetDocumentAsync(link)));
        }
        var answers = await Task.WhenAll(links.Select(l => l.Client.SubmitAsync(l.Page, l.Link, "main form", new Dictionary<string, string?>())));
        Assert.All(answers, a => Assert.EndsWith("#signature-confirmee", a.Headers.Location!.OriginalString, StringComparison.Ordinal));
        Assert.Equal(8, await _app.CountAsync(id));
        Assert.Equal(8, await _app.InAAsync(db => db.PetitionSignatures.CountAsync(s => s.PetitionId == id && s.ConfirmedAt != null)));
    }

    [Fact]
    public async Task Eight_people_signing_at_once_each_get_the_link_that_confirms_their_own_signature()
    {
        var id = await _app.NewSignablePetitionAsync();
        var people = Enumerable.Range(0, 8).Select(_ => (Client: _app.ClientFor(ParvisFactory.HostA), Email: SignatureTestData.NewEmail())).ToList();
        var forms = await Task.WhenAll(people.Select(p => p.Client.GetDocumentAsync($"/petitions/{id}/signer")));
        var signed = await Task.WhenAll(people.Select((p, i) =>
            p.Client.SubmitAsync(forms[i], $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(p.Email))));
        Assert.All(signed, a => Assert.Equal($"/petitions/{id}", a.Headers.Location!.OriginalString));
        Assert.Equal(8, await _app.SignatureRowsAsync(id));
        var links = new List<string>();
        foreach (var (_, email) in people) links.Add(await _app.ConfirmationLinkAsync(email));
        Assert.Equal(8, links.Distinct().Count());

        // Each link confirms the signature of the person it was sent to, and no other.
        var (client, firstEmail) = people[0];
        await client.SubmitAsync(links[0], "main form", new Dictionary<string, string?>());
        var confirmed = await _app.InAAsync(db => db.PetitionSignatures.Where(s => s.PetitionId == id && s.ConfirmedAt != null).Select(s => s.Email).ToListAsync());
        Assert.Equal([firstEmail], confirmed);
        Assert.Equal(1, await _app.CountAsync(id));
    }

    [Fact]
    public async Task A_visitor_reads_the_petition_without_a_cookie_and_signs_on_the_signing_page_a_citizen_signs_on_the_petition_page()
    {
        var id = await _app.NewSignablePetitionAsync();
        // No form, so no antiforgery cookie: the page a viral petition's readers get stays in the anonymous page cache.
        var anonymous = await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/petitions/{id}");
        Assert.False(anonymous.Headers.Contains("Set-Cookie"));
        var page = HtmlClient.Parse(await anonymous.Content.ReadAsStringAsync());
        Assert.Null(page.QuerySelector("form[action$=signer]"));
        Assert.Equal("Signer cette pétition", page.QuerySelector($"a[href='/petitions/{id}/signer']")!.TextContent.Trim());

        var (citizen, _) = await _app.CitizenClientAsync();
        var own = await citizen.GetDocumentAsync($"/petitions/{id}");
        Assert.NotNull(own.QuerySelector("form[action$=signer] input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Signing_again_later_sends_a_new_link_that_replaces_the_first()
    {
        var id = await _app.NewSignablePetitionAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = SignatureTestData.NewEmail();
        await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        var first = await _app.ConfirmationLinkAsync(email);
        // Signing again at once sends nothing more; past the resend interval a new link goes out.
        await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        await _app.InAAsync(db => db.PetitionSignatures.Where(s => s.PetitionId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LinkSentAt, DateTime.UtcNow.AddMinutes(-6))));
        var again = await visitor.SubmitAndReadAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        Assert.Contains("Un e-mail vient de vous être envoyé", again.Source.Text, StringComparison.Ordinal);
        var message = await _app.Smtp.WaitForAsync(email, m => !TestSmtpServer.LinkIn(m).EndsWith(first, StringComparison.Ordinal));
        var second = new Uri(TestSmtpServer.LinkIn(message)).PathAndQuery;
        Assert.Equal(2, _app.Smtp.Messages.Count(m => m.To.Mailboxes.Any(b => b.Address == email)));

        var old = await visitor.SubmitAndReadAsync(first, "main form", new Dictionary<string, string?>());
        Assert.Contains(old.Errors(), e => e.Contains("n'est pas valable ou a expiré", StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountAsync(id));
        var confirmed = await visitor.SubmitAsync(second, "main form", new Dictionary<string, string?>());
        Assert.EndsWith("#signature-confirmee", confirmed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await _app.CountAsync(id));
    }

    [Fact]
    public async Task A_signed_in_person_signs_with_the_account_address_whatever_is_posted()
    {
        var id = await _app.NewSignablePetitionAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var form = await client.GetDocumentAsync($"/petitions/{id}/signer");
        Assert.Equal(email, form.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("#Input_Email[readonly]"));
        await client.SubmitAsync(form, $"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer("autre@example.org"));
        var stored = await _app.InAAsync(db => db.PetitionSignatures.SingleAsync(s => s.PetitionId == id));
        Assert.Equal(email, stored.Email);
        Assert.NotNull(stored.UserId);
        Assert.Equal(await _app.UserIdAsync(email), stored.UserId);
    }

    [Theory]
    [InlineData("", "x@example.org", "Indiquez votre nom")]
    [InlineData("Camille", "", "Indiquez votre adresse e-mail")]
    [InlineData("Camille", "pas-une-adresse", "n'est pas valide")]
    [InlineData("Camille", "quelqu'un@mailinator.com", "jetables ne sont pas acceptées")]
    [InlineData("Camille", "quelqu'un@abc.yopmail.com", "jetables ne sont pas acceptées")]
    public async Task Bad_input_gets_a_french_message_and_nothing_is_saved(string name, string email, string expected)
    {
        var id = await _app.NewSignablePetitionAsync();
        var page = await _app.ClientFor(ParvisFactory.HostA).SubmitAndReadAsync($"/petitions/{id}/signer", "form[action$=signer]",
            SignatureTestData.Signer(email, name));
        Assert.Contains(page.Errors(), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(name, page.QuerySelector("#Input_Name")!.GetAttribute("value") ?? "");
        Assert.Equal(0, await _app.SignatureRowsAsync(id));
    }

    [Fact]
    public async Task Too_long_fields_are_refused_in_french()
    {
        var id = await _app.NewSignablePetitionAsync();
        var client = _app.ClientFor(ParvisFactory.HostA);
        var longName = await client.SubmitAndReadAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(SignatureTestData.NewEmail(), new string('a', 201)));
        Assert.Contains(longName.Errors(), e => e.Contains("200 caractères", StringComparison.Ordinal));
        var longCommune = await client.SubmitAndReadAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(SignatureTestData.NewEmail(), commune: new string('b', 101)));
        Assert.Contains(longCommune.Errors(), e => e.Contains("100 caractères", StringComparison.Ordinal));
        var longEmail = await client.SubmitAndReadAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(new string('c', 320) + "@example.org"));
        Assert.Contains(longEmail.Errors(), e => e.Contains("trop longue", StringComparison.Ordinal));
        Assert.Equal(0, await _app.SignatureRowsAsync(id));
    }

    [Fact]
    public async Task A_tampered_expired_or_foreign_link_counts_nothing()
    {
        var id = await _app.NewSignablePetitionAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = SignatureTestData.NewEmail();
        await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        var link = await _app.ConfirmationLinkAsync(email);

        var tampered = await visitor.SubmitAndReadAsync(link[..^3] + "abc", "main form", new Dictionary<string, string?>());
        Assert.Contains(tampered.Errors(), e => e.Contains("n'est pas valable ou a expiré", StringComparison.Ordinal));
        // The same link on the other organization's host is not valid there.
        var foreign = _app.ClientFor(ParvisFactory.HostB);
        var elsewhere = await foreign.GetDocumentAsync(link);
        Assert.Contains(elsewhere.Errors(), e => e.Contains("n'est pas valable ou a expiré", StringComparison.Ordinal));
        // A link past its 7 days.
        await _app.InAAsync(db => db.PetitionSignatures.Where(s => s.PetitionId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LinkSentAt, DateTime.UtcNow.AddDays(-7).AddMinutes(-1))));
        var expiredLink = link;
        Assert.Contains((await visitor.GetDocumentAsync(expiredLink)).Errors(), e => e.Contains("n'est pas valable ou a expiré", StringComparison.Ordinal));
        var expired = await visitor.SubmitAndReadAsync(expiredLink, "main form", new Dictionary<string, string?>());
        Assert.Contains(expired.Errors(), e => e.Contains("n'est pas valable ou a expiré", StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountAsync(id));
    }

    [Fact]
    public async Task A_link_e_mailed_before_random_tokens_still_confirms_within_its_seven_days()
    {
        var id = await _app.NewSignablePetitionAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = SignatureTestData.NewEmail();
        await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        // The row as the previous version wrote it (no token hash), and the link it e-mailed (data-protected id).
        var signatureId = await _app.InAAsync(db => db.PetitionSignatures.Where(s => s.PetitionId == id).Select(s => s.Id).SingleAsync());
        await _app.InAAsync(db => db.PetitionSignatures.Where(s => s.Id == signatureId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationTokenHash, (string?)null)));
        var protector = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Parvis.PetitionSignature").ToTimeLimitedDataProtector();
        string Legacy(DateTimeOffset expires) => "/petitions/signature/confirmer?t=" + Uri.EscapeDataString(protector.Protect($"{_app.OrganizationA.Id}:{id}:{signatureId}", expires));

        var expired = await visitor.SubmitAndReadAsync(Legacy(DateTimeOffset.UtcNow.AddMinutes(-1)), "main form", new Dictionary<string, string?>());
        Assert.Contains(expired.Errors(), e => e.Contains("n'est pas valable ou a expiré", StringComparison.Ordinal));
        var link = Legacy(DateTimeOffset.UtcNow.AddDays(6));
        var linkPage = await visitor.GetDocumentAsync(link);
        Assert.Empty(linkPage.Errors());
        Assert.NotNull(linkPage.QuerySelector("main form button"));
        var confirmed = await visitor.SubmitAsync(link, "main form", new Dictionary<string, string?>());
        Assert.EndsWith("#signature-confirmee", confirmed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await _app.CountAsync(id));
        Assert.EndsWith("#signature-deja-confirmee", (await visitor.SubmitAsync(link, "main form", new Dictionary<string, string?>())).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await _app.CountAsync(id));
    }

    [Fact]
    public async Task A_closed_or_expired_petition_refuses_signatures_and_late_links()
    {
        var id = await _app.NewSignablePetitionAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = SignatureTestData.NewEmail();
        await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        var link = await _app.ConfirmationLinkAsync(email);
        var linkPage = await visitor.GetDocumentAsync(link);

        await _app.InAAsync(db => db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosesAt, DateTime.UtcNow.AddMinutes(-1))));
        await Task.Delay(TimeSpan.FromSeconds(6)); // the signing rules are cached five seconds
        // The closing job may also have closed it meanwhile: either refusal is the right one.
        const string over = "La période de signature de cette pétition est terminée|Cette pétition est close";
        var form = await visitor.GetDocumentAsync($"/petitions/{id}/signer");
        Assert.Matches(over, form.Source.Text);
        Assert.Null(form.QuerySelector("form[action$=signer]"));
        var late = await visitor.SubmitAsync(linkPage, link, "main form", new Dictionary<string, string?>());
        Assert.Matches(over, await late.TextAsync());
        Assert.Equal(0, await _app.CountAsync(id));

        var closed = await _app.NewSignablePetitionAsync(adjust: p => p.Status = PetitionStatus.Closed);
        var post = await visitor.PostAsync($"/petitions/{closed}/signer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "",
            ["Input.Name"] = "Camille",
            ["Input.Email"] = SignatureTestData.NewEmail(),
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(0, await _app.SignatureRowsAsync(closed));
    }
}
