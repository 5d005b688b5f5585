using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>CGCT L1112-16 mode: verified electors of the commune only, one such request per elector per quarter.</summary>
[Collection(InitiativesAppCollection.Name)]
public class SignatureElectorTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Anonymous_people_and_unverified_citizens_are_told_what_is_missing_and_a_verified_elector_signs()
    {
        var id = await _app.NewSignablePetitionAsync(electorMode: true);
        var anonymous = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/petitions/{id}/signer");
        Assert.Null(anonymous.QuerySelector("form[action$=signer]"));
        Assert.Contains("connectez-vous", anonymous.QuerySelector(".needs")!.TextContent, StringComparison.Ordinal);

        var (citizen, email) = await _app.CitizenClientAsync();
        var unverified = await citizen.GetDocumentAsync($"/petitions/{id}/signer");
        Assert.Null(unverified.QuerySelector("form[action$=signer]"));
        Assert.Contains("électeur", unverified.QuerySelector(".needs")!.TextContent, StringComparison.Ordinal);
        // A POST made by hand is refused too, with the same explanation, and saves nothing.
        var token = (await citizen.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forced = await citizen.PostAsync($"/petitions/{id}/signer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Name"] = "Camille Dupont",
            ["Input.Commune"] = "Ville A",
        }));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(0, await _app.SignatureRowsAsync(id));

        await _app.VerifyAsync(email, elector: true);
        var form = await citizen.GetDocumentAsync($"/petitions/{id}/signer");
        Assert.NotNull(form.QuerySelector("#Input_Commune[required]"));
        var missingCommune = await citizen.SubmitAndReadAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        Assert.Contains(missingCommune.Errors(), e => e.Contains("Indiquez votre commune", StringComparison.Ordinal));
        await _app.SignAndConfirmAsync(citizen, id, email, commune: "Ville A");
        Assert.Equal(1, await _app.CountAsync(id));
    }

    [Fact]
    public async Task An_elector_signs_one_elector_mode_petition_per_quarter()
    {
        var first = await _app.NewSignablePetitionAsync(electorMode: true);
        var second = await _app.NewSignablePetitionAsync(electorMode: true);
        var ordinary = await _app.NewSignablePetitionAsync();
        var (citizen, email) = await _app.CitizenClientAsync();
        await _app.VerifyAsync(email, elector: true);
        await _app.SignAndConfirmAsync(citizen, first, email, commune: "Ville A");
        var firstTitle = await _app.InAAsync(db => db.Petitions.Where(p => p.Id == first).Select(p => p.Title).SingleAsync());

        var refused = await citizen.SubmitAndReadAsync($"/petitions/{second}/signer", "form[action$=signer]", SignatureTestData.Signer(email, commune: "Ville A"));
        var error = Assert.Single(refused.Errors());
        Assert.Contains($"vous avez déjà signé « {firstTitle} » ce trimestre", error, StringComparison.Ordinal);
        Assert.Contains("Vous pourrez signer à nouveau à partir du 1 ", error, StringComparison.Ordinal);
        Assert.Equal(0, await _app.SignatureRowsAsync(second));
        // Petitions outside elector mode are not requests under L1112-16: no quarter for them.
        await _app.SignAndConfirmAsync(citizen, ordinary, email);

        // Next quarter: the first signature now belongs to the quarter before (dates moved through the data).
        await _app.InAAsync(db => db.ElectorQuarterSignatures.Where(q => q.PetitionId == first).ExecuteUpdateAsync(s => s.SetProperty(q => q.Quarter, "2000-Q1")));
        await _app.SignAndConfirmAsync(citizen, second, email, commune: "Ville A");
        Assert.Equal(1, await _app.CountAsync(second));
    }

    [Fact]
    public async Task Two_elector_mode_petitions_signed_at_once_by_one_elector_leave_one_signature()
    {
        var first = await _app.NewSignablePetitionAsync(electorMode: true);
        var second = await _app.NewSignablePetitionAsync(electorMode: true);
        var (citizen, email) = await _app.CitizenClientAsync();
        await _app.VerifyAsync(email, elector: true);
        var forms = new[] { await citizen.GetDocumentAsync($"/petitions/{first}/signer"), await citizen.GetDocumentAsync($"/petitions/{second}/signer") };
        var answers = await Task.WhenAll(
            citizen.SubmitAsync(forms[0], $"/petitions/{first}/signer", "form[action$=signer]", SignatureTestData.Signer(email, commune: "Ville A")),
            citizen.SubmitAsync(forms[1], $"/petitions/{second}/signer", "form[action$=signer]", SignatureTestData.Signer(email, commune: "Ville A")));
        Assert.All(answers, a => Assert.True((int)a.StatusCode is 302 or 200));
        Assert.Equal(1, await _app.SignatureRowsAsync(first) + await _app.SignatureRowsAsync(second));
    }

    [Fact]
    public async Task An_elector_signs_under_the_name_their_verification_vouched_for_whatever_is_typed()
    {
        var id = await _app.NewSignablePetitionAsync(electorMode: true);
        var (citizen, email) = await _app.CitizenClientAsync();
        await _app.VerifyAsync(email, elector: true, electorName: "Hélène Vérifiée");
        var form = await citizen.GetDocumentAsync($"/petitions/{id}/signer");
        var name = form.QuerySelector("#Input_Name")!;
        Assert.Equal("Hélène Vérifiée", name.GetAttribute("value"));
        Assert.True(name.HasAttribute("readonly"));
        Assert.Null(name.GetAttribute("name"));
        // A name typed anyway (a POST made by hand) is not the one the town hall's list receives.
        var signed = await citizen.SubmitAsync(form, $"/petitions/{id}/signer", "form[action$=signer]",
            new Dictionary<string, string?> { ["Input.Name"] = "Quelqu'un d'autre", ["Input.Commune"] = "Ville A" });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        Assert.Equal("Hélène Vérifiée", await _app.InAAsync(db => db.PetitionSignatures.Where(s => s.PetitionId == id).Select(s => s.Name).SingleAsync()));
        // Outside elector mode the name is the one typed.
        var ordinary = await _app.NewSignablePetitionAsync();
        await _app.SignAndConfirmAsync(citizen, ordinary, email);
        Assert.Equal("Camille Martin", await _app.InAAsync(db => db.PetitionSignatures.Where(s => s.PetitionId == ordinary).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task An_elector_verification_that_kept_no_name_is_asked_again_before_signing()
    {
        var id = await _app.NewSignablePetitionAsync(electorMode: true);
        var (citizen, email) = await _app.CitizenClientAsync();
        await _app.VerifyAsync(email, elector: true, electorName: null);
        var page = await citizen.GetDocumentAsync($"/petitions/{id}/signer");
        Assert.Null(page.QuerySelector("form[action$=signer]"));
        Assert.Contains("Votre vérification d'électeur ne porte pas votre nom", page.QuerySelector(".signing")!.TextContent, StringComparison.Ordinal);
        var token = (await citizen.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forced = await citizen.PostAsync($"/petitions/{id}/signer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Name"] = "Camille Dupont",
            ["Input.Commune"] = "Ville A",
        }));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("Votre vérification d'électeur ne porte pas votre nom", HtmlClient.Parse(await forced.Content.ReadAsStringAsync()).QuerySelector(".signing")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.SignatureRowsAsync(id));
    }
}
