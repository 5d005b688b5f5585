using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Proposals;

[Collection(InitiativesAppCollection.Name)]
public class ProposeTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static Dictionary<string, string?> Form(string? title, string? body, params (string Key, string? Value)[] more)
    {
        var values = new Dictionary<string, string?> { ["Input.Title"] = title, ["Input.Body"] = body };
        foreach (var (k, v) in more) values[k] = v;
        return values;
    }

    private Task<int> CountAsync(int spaceId) => _app.InAAsync(db => db.Proposals.CountAsync(p => p.SpaceId == spaceId));

    [Fact]
    public async Task Continuing_shows_the_similar_proposal_and_publishing_is_a_second_post()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var existing = await _app.AddProposalAsync(spaceId, "Des pistes cyclables rue Voltaire", "Séparer les vélos des voitures rue Voltaire.");
        var unrelated = await _app.AddProposalAsync(spaceId, "Un composteur au square", "Réduire les déchets de cuisine.");
        var (citizen, _) = await _app.CitizenClientAsync();
        var url = $"/propositions/espaces/{spaceId}/proposer";

        var step2 = await citizen.SubmitAndReadAsync(url, "main form[action*=Continue]", Form("Piste cyclable rue Voltaire", "C'est dangereux à vélo : il faut une piste."));
        Assert.Empty(step2.Errors());
        var similar = step2.QuerySelector(".similar")!;
        Assert.NotNull(similar.QuerySelector($"a[href='/propositions/{existing}']"));
        Assert.Null(similar.QuerySelector($"a[href='/propositions/{unrelated}']"));
        Assert.NotNull(similar.QuerySelector($"form[action='/propositions/{existing}?handler=Support'] button"));
        Assert.Equal("Piste cyclable rue Voltaire", step2.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal(0, await CountAsync(spaceId) - 2);

        var published = await citizen.SubmitAsync(step2, url, "main form[action*=Publish]", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var page = await citizen.GetDocumentAsync(published.Headers.Location!.OriginalString);
        Assert.Equal("Piste cyclable rue Voltaire", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(3, await CountAsync(spaceId));
        var proposal = await _app.InAAsync(db => db.Proposals.SingleAsync(p => p.SpaceId == spaceId && p.Title == "Piste cyclable rue Voltaire"));
        Assert.Equal(ProposalState.Published, proposal.Status);
        Assert.Contains(" piste ", proposal.SearchTerms, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supporting_instead_from_the_similar_list_counts_a_support_and_publishes_nothing()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var existing = await _app.AddProposalAsync(spaceId, "Des bancs sur les berges", "Pour se reposer pendant la promenade.");
        var (citizen, _) = await _app.CitizenClientAsync();
        var url = $"/propositions/espaces/{spaceId}/proposer";
        var step2 = await citizen.SubmitAndReadAsync(url, "main form[action*=Continue]", Form("Bancs berges", "Il manque des bancs sur les berges."));
        var response = await citizen.SubmitAsync(step2, url, $".similar form[action='/propositions/{existing}?handler=Support']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, (await _app.ProposalAsync(existing)).SupportCount);
        Assert.Equal(1, await CountAsync(spaceId));
    }

    public static TheoryData<string?, string?, string?, string?, string?, string?, string> BadInputs => new()
    {
        { "", "Un texte", null, null, null, null, "Donnez un titre à votre proposition." },
        { "Un titre", "   ", null, null, null, null, "Décrivez votre proposition : le texte est vide." },
        { new string('t', 201), "Un texte", null, null, null, null, "Le titre dépasse 200 caractères." },
        { "Un titre", new string('b', 10_001), null, null, null, null, "Votre proposition dépasse 10000 caractères." },
        { "Un titre", "Un texte", "91", "2.3", null, null, "La latitude doit être comprise entre -90 et 90." },
        { "Un titre", "Un texte", "48.8", "200", null, null, "La longitude doit être comprise entre -180 et 180." },
        { "Un titre", "Un texte", "48.8", null, null, null, "Indiquez la latitude et la longitude, ou aucune des deux." },
        { "Un titre", "Un texte", null, null, "999999", null, "Cette catégorie n'appartient pas à cet espace." },
        { "Un titre", "Un texte", null, null, null, "999999", "Ce territoire n'est pas couvert par cet espace." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_french_message_and_saves_nothing(string? title, string? body, string? lat, string? lng, string? category, string? territory, string message)
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        var url = $"/propositions/espaces/{spaceId}/proposer";
        var values = Form(title, body, ("Input.Latitude", lat), ("Input.Longitude", lng), ("Input.CategoryId", category), ("Input.TerritoryId", territory));
        foreach (var handler in new[] { "Continue", "Publish" })
        {
            var page = await citizen.SubmitAndReadAsync(url, "main form", values, $"{url}?handler={handler}");
            Assert.Contains(message, page.Errors());
        }
        Assert.Equal(0, await CountAsync(spaceId));
    }

    [Fact]
    public async Task Unreadable_coordinates_are_refused_in_french()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        var url = $"/propositions/espaces/{spaceId}/proposer";
        var page = await citizen.SubmitAndReadAsync(url, "main form", Form("Titre", "Texte", ("Input.Latitude", "quarante-huit"), ("Input.Longitude", "2")), $"{url}?handler=Publish");
        Assert.Contains("La latitude n'est pas un nombre (par exemple 45.7640).", page.Errors());
        // A comma is read as the decimal separator, as people in France type it.
        await citizen.SubmitAsync(url, "main form", Form("Titre", "Texte", ("Input.Latitude", "48,8566"), ("Input.Longitude", "2.3522")), $"{url}?handler=Publish");
        var saved = await _app.InAAsync(db => db.Proposals.SingleAsync(p => p.SpaceId == spaceId));
        Assert.Equal(48.8566, saved.Latitude);
        Assert.Equal(2.3522, saved.Longitude);
        await _app.InAAsync(db => db.Proposals.Where(p => p.SpaceId == spaceId).ExecuteDeleteAsync());
        Assert.Equal(0, await CountAsync(spaceId));
    }

    private static async Task<HttpResponseMessage> PublishWithPhotoAsync(HttpClient client, string url, byte[] content, string contentType, string? alt)
    {
        var page = await client.SubmitAndReadAsync(url, "main form[action*=Continue]", Form("Un arbre place du marché", "Planter un tilleul."));
        var token = page.QuerySelector("main form[action*=Publish] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(token), "__RequestVerificationToken");
        body.Add(new StringContent("Un arbre place du marché"), "Input.Title");
        body.Add(new StringContent("Planter un tilleul."), "Input.Body");
        if (alt is not null) body.Add(new StringContent(alt), "Input.PhotoAlt");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        body.Add(file, "photo", "photo.png");
        return await client.PostAsync($"{url}?handler=Publish", body);
    }

    [Fact]
    public async Task A_photo_is_shown_with_its_description_and_a_disguised_one_saves_nothing()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        var url = $"/propositions/espaces/{spaceId}/proposer";
        var files = await _app.InAAsync(db => db.StoredFiles.CountAsync());

        var disguised = await PublishWithPhotoAsync(citizen, url, "%PDF-1.4 pas une image"u8.ToArray(), "image/png", "Un arbre");
        Assert.Contains("Seules les images PNG ou JPEG sont acceptées.", HtmlClient.Parse(await disguised.Content.ReadAsStringAsync()).Errors());
        var withoutAlt = await PublishWithPhotoAsync(citizen, url, Png(), "image/png", null);
        Assert.Contains("Décrivez la photo en quelques mots pour les personnes qui ne la voient pas.", HtmlClient.Parse(await withoutAlt.Content.ReadAsStringAsync()).Errors());
        Assert.Equal(0, await CountAsync(spaceId));
        Assert.Equal(files, await _app.InAAsync(db => db.StoredFiles.CountAsync()));

        var ok = await PublishWithPhotoAsync(citizen, url, Png(), "image/png", "Le tilleul imaginé devant la halle");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var page = await citizen.GetDocumentAsync(ok.Headers.Location!.OriginalString);
        var img = page.QuerySelector(".photo img")!;
        Assert.Equal("Le tilleul imaginé devant la halle", img.GetAttribute("alt"));
        var served = await _app.ClientFor(ParvisFactory.HostA).GetAsync(img.GetAttribute("src"));
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
    }

    private static byte[] Png() =>
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_space_for_verified_residents_explains_what_is_missing_and_refuses_the_post()
    {
        var spaceId = await _app.NewProposalSpaceAsync(s => s.ProposeLevel = ParticipationLevel.VerifiedResident);
        var (citizen, _) = await _app.CitizenClientAsync();
        var url = $"/propositions/espaces/{spaceId}/proposer";
        var page = await citizen.GetDocumentAsync(url);
        Assert.Contains("Pour proposer, confirmez que vous habitez", page.QuerySelector(".needs")!.TextContent);
        Assert.Null(page.QuerySelector("main form[action*=Continue]"));
        var token = (await citizen.GetDocumentAsync($"/propositions/espaces/{spaceId}")).QuerySelector("form input[name=__RequestVerificationToken]")?.GetAttribute("value");
        token ??= (await citizen.GetDocumentAsync("/compte/securite")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var response = await citizen.PostAsync($"{url}?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token!,
            ["Input.Title"] = "Titre",
            ["Input.Body"] = "Texte",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Pour proposer, confirmez que vous habitez", await response.TextAsync());
        Assert.Equal(0, await CountAsync(spaceId));
    }

    [Fact]
    public async Task A_visitor_is_asked_to_sign_in_and_another_organization_cannot_see_the_space()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var page = await visitor.GetDocumentAsync($"/propositions/espaces/{spaceId}/proposer");
        Assert.NotNull(page.QuerySelector(".needs a[href^='/compte/connexion']"));
        var other = _app.ClientFor(ParvisFactory.HostB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/propositions/espaces/{spaceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/propositions/espaces/{spaceId}/proposer")).StatusCode);
    }
}
