using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

/// <summary>What staff do with the answers: moderate written answers, export them, enter answers received on paper.</summary>
[Collection(AppCollection.Name)]
public class SurveyAnswersStaffTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string[] Texts(string marker, int count) => [.. Enumerable.Range(1, count).Select(i => $"{marker} réponse {i}")];

    [Fact]
    public async Task A_hidden_written_answer_leaves_the_public_results_and_comes_back_when_shown_again()
    {
        var s = await _app.NewSurveyAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        await _app.AnswerAsync(s, [.. Texts(marker, 9), $"{marker} propos injurieux"]);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var results = $"/enquetes/{s.Survey}/resultats";
        Assert.Contains($"{marker} propos injurieux", await visitor.GetStringAsync(results), StringComparison.Ordinal);

        var agent = await _app.SignedInAsync("agent");
        var answers = $"/admin/enquetes/{s.Survey}/reponses";
        var textId = await _app.InAAsync(db => db.SurveyTextAnswers.Where(t => t.Text == $"{marker} propos injurieux").Select(t => t.Id).SingleAsync());
        var page = await agent.SubmitAndReadAsync(answers, $"#texte-{textId} form", new Dictionary<string, string?>());
        Assert.Equal("Réponse masquée : elle n'apparaît plus dans les résultats publics.", page.QuerySelector(".notice")!.TextContent);
        Assert.Contains("Masquée", page.QuerySelector($"#texte-{textId}")!.TextContent, StringComparison.Ordinal);
        var shown = await visitor.GetStringAsync(results);
        Assert.DoesNotContain($"{marker} propos injurieux", shown, StringComparison.Ordinal);
        Assert.Contains($"{marker} réponse 1", shown, StringComparison.Ordinal);

        page = await agent.SubmitAndReadAsync(answers, $"#texte-{textId} form", new Dictionary<string, string?>());
        Assert.Equal("Réponse de nouveau visible.", page.QuerySelector(".notice")!.TextContent);
        Assert.Contains($"{marker} propos injurieux", await visitor.GetStringAsync(results), StringComparison.Ordinal);
        Assert.Equal(["survey.hide-text", "survey.show-text"], await _app.AuditAsync(s.Survey));

        // A written answer of another survey is not moderated from this one.
        var other = await _app.NewSurveyAsync();
        await _app.AnswerAsync(other, "Ailleurs");
        var otherText = await _app.InAAsync(db => db.SurveyTextAnswers.Where(t => t.SurveyId == other.Survey).Select(t => t.Id).SingleAsync());
        var forged = await agent.SubmitAndReadAsync(answers, $"#texte-{textId} form", new Dictionary<string, string?> { ["textId"] = otherText.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("Cette réponse n'existe pas.", forged.Errors());
        Assert.Null(await _app.InAAsync(db => db.SurveyTextAnswers.Where(t => t.Id == otherText).Select(t => t.HiddenAt).SingleAsync()));
    }

    [Fact]
    public async Task The_csv_export_has_one_row_per_response_one_column_per_question_and_the_channel_with_formulas_neutralised()
    {
        var s = await _app.NewSurveyAsync();
        await _app.AnswerAsync(s, "=HYPERLINK(\"http://evil\")", "Un \"beau\" parvis");
        var agent = await _app.SignedInAsync("agent");
        var paper = await agent.SubmitAsync($"/admin/enquetes/{s.Survey}/papier", "main form", new Dictionary<string, string?>
        {
            [$"q{s.Choice}"] = s.No.Id(),
        });
        Assert.Equal(HttpStatusCode.Redirect, paper.StatusCode);

        var response = await agent.GetAsync($"/admin/enquetes/{s.Survey}/reponses?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).TrimEnd('\n').Split('\n');
        Assert.Equal("reponse;canal;feuille;date;q1;q2", lines[0]);
        Assert.Equal(";;;;\"Venez-vous ?\";\"Pourquoi ?\"", lines[1]);
        Assert.Equal(5, lines.Length);
        Assert.EndsWith(";\"en ligne\";;" + lines[2].Split(';')[3] + ";\"Oui\";\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(";\"Oui\";\"Un \"\"beau\"\" parvis\"", lines[3], StringComparison.Ordinal);
        Assert.Matches("^[0-9]+;\"papier\";;[0-9T:-]+Z;\"Non\";$", lines[4]);
    }

    [Fact]
    public async Task An_agent_enters_a_paper_answer_counted_apart_and_with_the_online_ones()
    {
        var s = await _app.NewSurveyAsync();
        await _app.AnswerAsync(s, "En ligne");
        await _app.InAAsync(db => db.Surveys.Where(x => x.Id == s.Survey).ExecuteUpdateAsync(x => x.SetProperty(v => v.PaperSheetsPrinted, 5)));
        var sheet = new PaperSheetReference(PaperKitKind.Survey, s.Survey, 3).ToString();
        var agent = await _app.SignedInAsync("agent");
        var url = $"/admin/enquetes/{s.Survey}/papier";
        var entered = await agent.SubmitAndReadAsync(url, "main form", new Dictionary<string, string?>
        {
            ["feuille"] = sheet.ToLowerInvariant(),
            [$"q{s.Choice}"] = s.Yes.Id(),
            [$"q{s.Text}"] = "Écrit à la main",
        });
        Assert.Equal("Réponse papier enregistrée.", entered.QuerySelector(".notice")!.TextContent);
        var response = await _app.InAAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.SurveyId == s.Survey && r.Channel == Channel.PaperRegister));
        Assert.Equal(3, response.SheetNumber);
        Assert.Equal("Écrit à la main", await _app.InAAsync(db => db.SurveyTextAnswers.Where(t => t.ResponseId == response.Id).Select(t => t.Text).SingleAsync()));

        // The condition decides: "Non" drops the written answer typed for "Pourquoi ?".
        entered = await agent.SubmitAndReadAsync(url, "main form", new Dictionary<string, string?>
        {
            [$"q{s.Choice}"] = s.No.Id(),
            [$"q{s.Text}"] = "Ne s'applique pas",
        });
        Assert.Empty(entered.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.SurveyTextAnswers.CountAsync(t => t.Text == "Ne s'applique pas")));

        // A sheet is entered once; a reference mistyped or of a sheet never printed is refused in French.
        foreach (var (reference, message) in new[]
        {
            (sheet, "Cette feuille a déjà été saisie."),
            (new PaperSheetReference(PaperKitKind.Survey, s.Survey, 9).ToString(), "Aucune feuille n'a été imprimée sous cette référence."),
            (new PaperSheetReference(PaperKitKind.Consultation, s.Survey, 1).ToString(), "Cette feuille appartient à une autre enquête."),
            (sheet[..^1] + (sheet[^1] == 'A' ? "B" : "A"), "Cette référence de feuille n'est pas valide : vérifiez-la sur la feuille (exemple : Q12-0042-K)."),
        })
        {
            var page = await agent.SubmitAndReadAsync(url, "main form", new Dictionary<string, string?> { ["feuille"] = reference, [$"q{s.Choice}"] = s.Yes.Id() });
            Assert.Contains(message, page.Errors());
            // What was typed stays checked for a correction.
            Assert.NotNull(page.QuerySelector($"input[name=q{s.Choice}][value='{s.Yes}'][checked]"));
        }
        Assert.Equal(2, await _app.InAAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == s.Survey && r.Channel == Channel.PaperRegister)));

        var results = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/enquetes/{s.Survey}/resultats");
        Assert.Contains("3 réponses, dont 1 en ligne et 2 sur papier.", results.Body!.TextContent, StringComparison.Ordinal);
        var row = (await agent.GetDocumentAsync("/admin/enquetes")).QuerySelector($"tr:has(a[href='/admin/enquetes/{s.Survey}'])")!;
        Assert.Equal(["1", "2"], row.QuerySelectorAll("td").Skip(2).Select(td => td.TextContent.Trim()));
        Assert.Equal(2, (await _app.AuditAsync(s.Survey)).Count(a => a == "survey.enter-paper"));
    }

    [Fact]
    public async Task A_paper_answer_is_refused_before_publication_and_an_empty_sheet_is_refused()
    {
        var draft = await _app.NewSurveyAsync(published: false);
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.SubmitAndReadAsync($"/admin/enquetes/{draft.Survey}/papier", "main form",
            new Dictionary<string, string?> { [$"q{draft.Choice}"] = draft.Yes.Id() });
        Assert.Contains("Publiez l'enquête avant d'en saisir les réponses papier.", page.Errors());
        var open = await _app.NewSurveyAsync();
        page = await agent.SubmitAndReadAsync($"/admin/enquetes/{open.Survey}/papier", "main form", new Dictionary<string, string?>());
        Assert.Contains("Saisissez au moins une réponse de la feuille.", page.Errors());
        page = await agent.SubmitAndReadAsync($"/admin/enquetes/{open.Survey}/papier", "main form", new Dictionary<string, string?> { [$"q{open.Choice}"] = "999999" });
        Assert.Contains("Ce choix ne fait pas partie de la liste.", page.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == draft.Survey || r.SurveyId == open.Survey)));
    }
}
