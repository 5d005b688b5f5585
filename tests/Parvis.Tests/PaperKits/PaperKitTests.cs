using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using UglyToad.PdfPig;

namespace Parvis.Tests.PaperKits;

/// <summary>
/// A consultation's printed kit: numbered sheets that hold the questions, a poster with the page's address, and the
/// agent who enters a sheet from its reference, once per answer.
/// </summary>
[Collection(AppCollection.Name)]
public class PaperKitTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> ConsultationAsync() =>
        _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme", "Kit " + Guid.NewGuid().ToString("N")[..8]);

    private static async Task<(List<string> Pages, byte[] Pdf)> PrintAsync(HttpClient agent, int id, int count)
    {
        var response = await agent.SubmitAsync($"/admin/concertations/{id}/kit", "main form[method=post]",
            new Dictionary<string, string?> { ["Count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        using var document = PdfDocument.Open(pdf);
        return ([.. document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)))], pdf);
    }

    private static string Reference(int id, int sheet) => new PaperSheetReference(PaperKitKind.Consultation, id, sheet).ToString();

    [Fact]
    public async Task Each_printed_sheet_holds_the_questions_and_its_own_reference_numbered_after_those_printed_before()
    {
        var id = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");

        var (pages, _) = await PrintAsync(agent, id, 3);

        var text = string.Join('\n', pages);
        Assert.Contains("Première question ?", text, StringComparison.Ordinal);
        Assert.Contains("Deuxième question ?", text, StringComparison.Ordinal);
        Assert.Contains("Comment vos réponses seront utilisées", text, StringComparison.Ordinal);
        Assert.Contains($"/concertations/{id}", text, StringComparison.Ordinal);
        for (var sheet = 1; sheet <= 3; sheet++)
            Assert.Contains(Reference(id, sheet), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Reference(id, 4), text, StringComparison.Ordinal);

        var (again, _) = await PrintAsync(agent, id, 2);
        var second = string.Join('\n', again);
        Assert.Contains(Reference(id, 4), second, StringComparison.Ordinal);
        Assert.Contains(Reference(id, 5), second, StringComparison.Ordinal);
        Assert.DoesNotContain(Reference(id, 3), second, StringComparison.Ordinal);
        Assert.Equal(5, await _app.InAAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.PaperSheetsPrinted).SingleAsync()));
        var audited = await _app.InAAsync(db => db.AuditEntries
            .Where(a => a.Action == "consultation.print-kit" && a.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(a => a.Details).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.Contains(audited, d => d!.Contains($"{Reference(id, 4)} à {Reference(id, 5)}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_poster_is_a3_or_a4_and_gives_the_page_address()
    {
        var id = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        foreach (var (format, width) in new[] { ("A3", 842.0), ("A4", 595.0) })
        {
            var response = await agent.GetAsync($"/admin/concertations/{id}/kit?handler=Poster&format={format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            var page = Assert.Single(document.GetPages());
            Assert.InRange(page.Width, width - 2, width + 2);
            var text = string.Join(' ', page.GetWords().Select(w => w.Text));
            Assert.Contains($"/concertations/{id}", text, StringComparison.Ordinal);
            Assert.Contains("Donnez votre avis", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_agent_goes_from_a_sheet_reference_to_its_form_and_each_answer_of_a_sheet_is_entered_once()
    {
        var id = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        await PrintAsync(agent, id, 2);
        var questions = await _app.InAAsync(db => db.Questions.Where(q => q.ConsultationId == id).OrderBy(q => q.Position).Select(q => q.Id).ToListAsync());

        var found = await agent.SubmitAsync("/admin/saisie-papier", "main form", new Dictionary<string, string?> { ["reference"] = Reference(id, 2).ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        var formUrl = found.Headers.Location!.OriginalString;
        Assert.StartsWith($"/concertations/{id}?feuille={Reference(id, 2)}", formUrl, StringComparison.Ordinal);
        var form = await agent.GetDocumentAsync(formUrl);
        Assert.Equal(Reference(id, 2), form.QuerySelector("#Offline_SheetReference")!.GetAttribute("value"));

        Dictionary<string, string?> Answer(int question, string body) => new() { ["Offline.QuestionId"] = question.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Offline.Body"] = body };
        var next = await agent.SubmitAndReadAsync(formUrl, "form[action*=Offline]", Answer(questions[0], "Des arceaux vélos couverts."));
        Assert.Equal(Reference(id, 2), next.QuerySelector("#Offline_SheetReference")!.GetAttribute("value"));
        await agent.SubmitAndReadAsync(formUrl, "form[action*=Offline]", Answer(questions[1], "Le marché du samedi."));
        var twice = await agent.SubmitAndReadAsync(formUrl, "form[action*=Offline]", Answer(questions[0], "La même, saisie deux fois."));
        Assert.Contains("La réponse de cette feuille à cette question est déjà saisie.", twice.Errors());

        var entered = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).OrderBy(c => c.Id)
            .Select(c => new { c.PaperSheet, c.QuestionId, c.Channel, c.Body }).ToListAsync());
        Assert.Equal(2, entered.Count);
        Assert.All(entered, c => Assert.Equal((2, Channel.PaperRegister), (c.PaperSheet!.Value, c.Channel)));
        Assert.Equal(questions, entered.Select(c => c.QuestionId!.Value));
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "contribution.enter-offline"
            && a.Details!.Contains($"feuille {Reference(id, 2)}"))));
    }

    [Fact]
    public async Task A_mistyped_unprinted_foreign_or_other_service_reference_is_refused_in_french_and_nothing_is_saved()
    {
        var id = await ConsultationAsync();
        var other = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        await PrintAsync(agent, id, 1);
        await PrintAsync(agent, other, 1);
        var inB = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Consultations.Select(c => c.Id).FirstAsync());
        var good = Reference(id, 1);
        var typo = good[..^1] + (good[^1] == 'A' ? 'B' : 'A');

        async Task<IReadOnlyList<string>> LookUpAsync(HttpClient client, string reference) =>
            (await client.SubmitAndReadAsync("/admin/saisie-papier", "main form", new Dictionary<string, string?> { ["reference"] = reference })).Errors();
        Assert.Contains("Cette référence n'est pas valide : vérifiez-la sur la feuille (exemple : C12-0042-K).", await LookUpAsync(agent, typo));
        Assert.Contains("Aucune feuille n'a été imprimée sous cette référence.", await LookUpAsync(agent, Reference(id, 2)));
        Assert.Contains("Aucune consultation ne correspond à cette référence.", await LookUpAsync(agent, Reference(inB, 1)));
        Assert.Contains("Cette feuille relève d'un autre service.", await LookUpAsync(await _app.SignedInAsync("voirie"), good));

        // Typed straight into the consultation's form, the same references are refused there too.
        var url = $"/concertations/{id}";
        async Task<IReadOnlyList<string>> EnterAsync(string reference) => (await agent.SubmitAndReadAsync(url, "form[action*=Offline]",
            new Dictionary<string, string?> { ["Offline.SheetReference"] = reference, ["Offline.Body"] = "Texte de la feuille." })).Errors();
        Assert.Contains("Cette référence de feuille n'est pas valide : vérifiez-la sur la feuille (exemple : C12-0042-K).", await EnterAsync(typo));
        Assert.Contains("Aucune feuille n'a été imprimée sous cette référence.", await EnterAsync(Reference(id, 2)));
        Assert.Contains("Cette feuille appartient à une autre consultation.", await EnterAsync(Reference(other, 1)));
        Assert.Equal(0, await _app.InAAsync(db => db.Contributions.CountAsync(c => c.ConsultationId == id)));
    }

    [Fact]
    public async Task Only_the_consultations_service_prints_its_kit()
    {
        var id = await ConsultationAsync();
        AssertRefused(await (await _app.SignedInAsync("voirie")).GetAsync($"/admin/concertations/{id}/kit"));
        var citizen = await _app.SignedInAsync("habitant");
        AssertRefused(await citizen.GetAsync($"/admin/concertations/{id}/kit"));
        AssertRefused(await citizen.GetAsync($"/admin/concertations/{id}/kit?handler=Poster&format=A4"));
        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignedInAsync("agent")).GetAsync($"/admin/concertations/{id}/kit")).StatusCode);
        var inB = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Consultations.Select(c => c.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.SignedInAsync("agent")).GetAsync($"/admin/concertations/{inB}/kit")).StatusCode);
    }

    [Fact]
    public async Task Naughty_strings_in_the_kit_and_entry_forms_are_refused_in_french_never_a_500_and_nothing_is_saved()
    {
        var id = await ConsultationAsync();
        var agent = await _app.SignedInAsync("agent");
        foreach (var s in Security.NaughtyStringTests.Strings.Where((_, i) => i % 6 == 2))
        {
            var print = await agent.SubmitAsync($"/admin/concertations/{id}/kit", "main form[method=post]", new Dictionary<string, string?> { ["Count"] = s });
            Assert.True(print.StatusCode == HttpStatusCode.OK, $"{(int)print.StatusCode} for {s}");
            if (print.Content.Headers.ContentType?.MediaType != "application/pdf")
                Assert.Contains("Imprimez entre 1 et 500 feuilles à la fois.", HtmlClient.Parse(await print.Content.ReadAsStringAsync()).Errors());

            var lookup = await agent.SubmitAsync("/admin/saisie-papier", "main form", new Dictionary<string, string?> { ["reference"] = s });
            Assert.True((int)lookup.StatusCode < 500, $"{(int)lookup.StatusCode} for {s}");
            if (lookup.StatusCode == HttpStatusCode.OK)
                Security.NaughtyStringTests.AssertNoInjectedMarkup(HtmlClient.Parse(await lookup.Content.ReadAsStringAsync()), s);

            var entry = await agent.SubmitAsync($"/concertations/{id}", "form[action*=Offline]",
                new Dictionary<string, string?> { ["Offline.SheetReference"] = s, ["Offline.Body"] = "Texte." });
            Assert.True((int)entry.StatusCode < 500, $"{(int)entry.StatusCode} for {s}");
        }
        // Only blank references are "no sheet": every contribution entered above came without one.
        Assert.Equal(0, await _app.InAAsync(db => db.Contributions.CountAsync(c => c.ConsultationId == id && c.PaperSheet != null)));
    }

    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location!.OriginalString.Contains("/compte/acces-refuse", StringComparison.Ordinal)),
            $"{(int)response.StatusCode} {response.Headers.Location}");

    [Fact]
    public async Task The_database_keeps_one_answer_per_sheet_and_question_even_past_the_check()
    {
        var id = await ConsultationAsync();
        var question = await _app.InAAsync(db => db.Questions.Where(q => q.ConsultationId == id).Select(q => q.Id).FirstAsync());
        await _app.AddContributionsAsync(id, 1, (c, _) => (c.PaperSheet, c.QuestionId) = (1, question));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => _app.AddContributionsAsync(id, 1, (c, _) => (c.PaperSheet, c.QuestionId) = (1, question)));
        await _app.AddContributionsAsync(id, 2, (c, i) => (c.PaperSheet, c.QuestionId) = (2 + i, question));
    }
}
