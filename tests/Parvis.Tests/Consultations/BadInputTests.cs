using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Consultations;

/// <summary>Every citizen and staff command refuses empty or replayed input with a French message, and saves nothing.</summary>
[Collection(AppCollection.Name)]
public class BadInputTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<(HttpClient Client, int ConsultationId, int ContributionId)> ContributionAsync()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (client, _) = await _app.CitizenClientAsync();
        await client.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Une idée" });
        return (client, id, await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync()));
    }

    [Fact]
    public async Task An_empty_comment_is_refused()
    {
        var (client, _, contributionId) = await ContributionAsync();
        var page = await client.SubmitAndReadAsync($"/contributions/{contributionId}", "form[action*='handler=Comment']:not(:has(input[name=parentId]))", new Dictionary<string, string?> { ["body"] = "  " });
        Assert.Contains("Le commentaire est vide.", page.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.Comments.CountAsync(c => c.ContributionId == contributionId)));
    }

    [Fact]
    public async Task A_flag_without_reason_or_too_long_is_refused()
    {
        var (_, _, contributionId) = await ContributionAsync();
        var (other, _) = await _app.CitizenClientAsync();
        var page = await other.SubmitAndReadAsync($"/contributions/{contributionId}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = "" });
        Assert.Contains("Indiquez pourquoi ce contenu pose problème.", page.Errors());
        page = await other.SubmitAndReadAsync($"/contributions/{contributionId}", "form[action*=Flag]", new Dictionary<string, string?> { ["reason"] = new string('x', 1001) });
        Assert.Contains(page.Errors(), e => e.Contains("dépasse 1000 caractères", StringComparison.Ordinal));
        Assert.Equal(0, await _app.InAAsync(db => db.Flags.CountAsync(f => f.ContributionId == contributionId)));
    }

    [Fact]
    public async Task An_empty_offline_entry_and_an_empty_question_are_refused()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Offline]", new Dictionary<string, string?> { ["Offline.Body"] = "" });
        Assert.Contains(page.Errors(), e => e.Contains("le texte est vide", StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(id));
        var admin = await _app.SignedInAsync("admin");
        var questions = await _app.InAAsync(db => db.Questions.CountAsync(q => q.ConsultationId == id));
        page = await admin.SubmitAndReadAsync($"/admin/concertations/{id}", "form[action*=AddQuestion]", new Dictionary<string, string?> { ["NewQuestion"] = "" });
        Assert.Contains("La question doit compter de 1 à 500 caractères.", page.Errors());
        Assert.Equal(questions, await _app.InAAsync(db => db.Questions.CountAsync(q => q.ConsultationId == id)));
    }

    [Fact]
    public async Task A_form_replayed_from_another_persons_session_is_refused()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (victim, _) = await _app.CitizenClientAsync();
        var token = (await victim.GetDocumentAsync($"/concertations/{id}")).QuerySelector("form[action*=Contribute] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var (attacker, _) = await _app.CitizenClientAsync();
        var response = await attacker.PostAsync($"/concertations/{id}?handler=Contribute", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Body"] = "Posté avec le jeton d'un autre",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task Unparsable_query_values_do_not_break_the_list()
    {
        var id = await _app.IdAsync(ConsultationData.Open);
        foreach (var query in new[] { "tri=nimporte", "territoire=abc", "p=-5", "reponse=peut-etre", "graine=9999999999999", "question=%00" })
            Assert.Equal(HttpStatusCode.OK, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/concertations/{id}?{query}")).StatusCode);
    }
}
