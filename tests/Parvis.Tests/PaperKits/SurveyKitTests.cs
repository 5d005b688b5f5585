using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Surveys;
using UglyToad.PdfPig;

namespace Parvis.Tests.PaperKits;

/// <summary>
/// A survey's printed kit: numbered sheets with every part and question and room to answer each, a poster with the
/// page's address, and the agent who enters a sheet from its reference, once.
/// </summary>
[Collection(AppCollection.Name)]
public class SurveyKitTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private const string PrintForm = "main form[method=post]";

    /// <summary>The staff test survey ("Venez-vous ?" Oui/Non, "Pourquoi ?" if Oui) with a part 2 of every other kind.</summary>
    private async Task<SurveyStaffData.Made> SurveyAsync(string? service = "Service urbanisme")
    {
        var s = await _app.NewSurveyAsync(published: false, service: service);
        await _app.InAAsync(async db =>
        {
            var part = new SurveySection { SurveyId = s.Survey, Position = 2, Title = "Votre quartier" };
            db.SurveySections.Add(part);
            await db.SaveChangesAsync();
            async Task<SurveyQuestion> AddAsync(SurveyQuestionKind kind, string text, int position, params (string Text, bool Row)[] options)
            {
                var q = new SurveyQuestion { SurveyId = s.Survey, SectionId = part.Id, Position = position, Kind = kind, Text = text };
                if (kind == SurveyQuestionKind.Scale) q.LowLabel = "Pas du tout";
                db.SurveyQuestions.Add(q);
                await db.SaveChangesAsync();
                db.SurveyOptions.AddRange(options.Select((o, i) => new SurveyOption { QuestionId = q.Id, Position = i + 1, Text = o.Text, IsRow = o.Row }));
                await db.SaveChangesAsync();
                return q;
            }
            await AddAsync(SurveyQuestionKind.Scale, "Êtes-vous satisfait ?", 1);
            await AddAsync(SurveyQuestionKind.MultipleChoice, "Vos trajets ?", 2, ("À pied", false), ("À vélo", false));
            await AddAsync(SurveyQuestionKind.Matrix, "Comment jugez-vous ?", 3, ("Bien", false), ("Mal", false), ("La propreté", true), ("L'éclairage", true));
            await AddAsync(SurveyQuestionKind.Ranking, "Classez les priorités", 4, ("Les arbres", false), ("Les bancs", false));
            return await db.Surveys.Where(x => x.Id == s.Survey).ExecuteUpdateAsync(x => x.SetProperty(v => v.PublishedAt, DateTime.UtcNow));
        });
        return s;
    }

    private static string Reference(int id, int sheet) => new PaperSheetReference(PaperKitKind.Survey, id, sheet).ToString();

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    private static async Task<string> PrintAsync(HttpClient agent, int id, string count)
    {
        var response = await agent.SubmitAsync($"/admin/enquetes/{id}/kit", PrintForm, new Dictionary<string, string?> { ["Count"] = count });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return Text(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Agents_printing_at_once_never_get_the_same_sheets()
    {
        var s = await SurveyAsync();
        var agent = await _app.SignedInAsync("agent");
        var url = $"/admin/enquetes/{s.Survey}/kit";
        var page = await agent.GetDocumentAsync(url);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            agent.SubmitAsync(page, url, PrintForm, new Dictionary<string, string?> { ["Count"] = "5" })));
        // Each print either gets its own sheets (the file names them) or is asked to try again in a moment.
        var printed = new List<int>();
        foreach (var response in responses)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/pdf")
            {
                Assert.Equal(["D'autres feuilles s'impriment en ce moment : recommencez dans un instant."],
                    HtmlClient.Parse(await response.Content.ReadAsStringAsync()).Errors());
                continue;
            }
            var name = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
            var range = name.Trim('"').Replace(".pdf", "", StringComparison.Ordinal).Split('-')[^2..].Select(int.Parse).ToArray();
            printed.AddRange(Enumerable.Range(range[0], range[1] - range[0] + 1));
        }
        Assert.NotEmpty(printed);
        Assert.Equal(printed.Count, printed.Distinct().Count());
        Assert.Equal(printed.Count, await _app.InAAsync(db => db.Surveys.Where(x => x.Id == s.Survey).Select(x => x.PaperSheetsPrinted).SingleAsync()));
    }

    [Fact]
    public async Task Each_sheet_holds_the_title_dates_use_every_question_its_choices_and_its_own_reference()
    {
        var s = await SurveyAsync();
        var title = await _app.InAAsync(db => db.Surveys.Where(x => x.Id == s.Survey).Select(x => x.Title).SingleAsync());
        var agent = await _app.SignedInAsync("agent");
        var kitLink = (await agent.GetDocumentAsync($"/admin/enquetes/{s.Survey}")).QuerySelector($"a[href='/admin/enquetes/{s.Survey}/kit']");
        Assert.Equal("Kit papier et affiche", kitLink?.TextContent);

        var text = await PrintAsync(agent, s.Survey, "2");

        foreach (var expected in new[]
        {
            title, "Vous pouvez répondre depuis le", "Comment vos réponses seront utilisées", "Les résultats sont publiés",
            "Partie 1", "1. Venez-vous ?", "Cochez une seule case.", "Oui", "Non",
            "Si vous avez répondu « Oui » à la question 1 :", "2. Pourquoi ?",
            "Votre quartier", "3. Êtes-vous satisfait ?", "1 : Pas du tout", "4. Vos trajets ?", "À pied", "À vélo",
            "5. Comment jugez-vous ?", "Bien", "Mal", "La propreté", "L'éclairage", "Cochez une case par ligne.",
            "6. Classez les priorités", "Numérotez chaque proposition, de 1 (la première) à 2.", "Les arbres", "Les bancs",
            Reference(s.Survey, 1), Reference(s.Survey, 2), $"/enquetes/{s.Survey}",
        })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Reference(s.Survey, 3), text, StringComparison.Ordinal);
        // Survey answers on paper are counted without a name: the sheet does not ask for one.
        Assert.DoesNotContain("Votre nom", text, StringComparison.Ordinal);

        var again = await PrintAsync(agent, s.Survey, "1");
        Assert.Contains(Reference(s.Survey, 3), again, StringComparison.Ordinal);
        Assert.DoesNotContain(Reference(s.Survey, 2), again, StringComparison.Ordinal);
        Assert.Equal(3, await _app.InAAsync(db => db.Surveys.Where(x => x.Id == s.Survey).Select(x => x.PaperSheetsPrinted).SingleAsync()));
        Assert.Equal(["survey.print-kit", "survey.print-kit"], await _app.AuditAsync(s.Survey));
        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "survey.print-kit"
            && a.Details == $"2 feuille(s) : {Reference(s.Survey, 1)} à {Reference(s.Survey, 2)}")));
    }

    [Fact]
    public async Task The_poster_is_a3_or_a4_and_prints_the_absolute_link_of_the_survey_page_under_its_qr_code()
    {
        var s = await SurveyAsync();
        var agent = await _app.SignedInAsync("agent");
        foreach (var (format, width) in new[] { ("A3", 842.0), ("A4", 595.0) })
        {
            var response = await agent.GetAsync($"/admin/enquetes/{s.Survey}/kit?handler=Poster&format={format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var pdf = await response.Content.ReadAsByteArrayAsync();
            using var document = PdfDocument.Open(pdf);
            Assert.InRange(Assert.Single(document.GetPages()).Width, width - 2, width + 2);
            var text = Text(pdf);
            Assert.Contains($"http://{ParvisFactory.HostA}", text, StringComparison.Ordinal);
            Assert.Matches($@"Scannez ce code ou rendez-vous sur\s+http://{ParvisFactory.HostA}(:[0-9]+)?/enquetes/{s.Survey}(\s|$)", text);
        }
    }

    [Fact]
    public async Task An_agent_goes_from_a_survey_sheet_reference_to_its_paper_form_and_a_sheet_is_entered_once()
    {
        var s = await SurveyAsync();
        var agent = await _app.SignedInAsync("agent");
        await PrintAsync(agent, s.Survey, "2");
        var sheet = Reference(s.Survey, 2);

        var found = await agent.SubmitAsync("/admin/saisie-papier", "main form", new Dictionary<string, string?> { ["reference"] = sheet.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        var formUrl = found.Headers.Location!.OriginalString;
        Assert.Equal($"/admin/enquetes/{s.Survey}/papier?feuille={sheet}", formUrl);
        var form = await agent.GetDocumentAsync(formUrl);
        Assert.Equal(sheet, form.QuerySelector("#feuille")!.GetAttribute("value"));
        var entered = await agent.SubmitAndReadAsync(formUrl, "main form", new Dictionary<string, string?> { [$"q{s.Choice}"] = s.No.Id() });
        Assert.Equal("Réponse papier enregistrée.", entered.QuerySelector(".notice")!.TextContent);

        var twice = await agent.SubmitAndReadAsync("/admin/saisie-papier", "main form", new Dictionary<string, string?> { ["reference"] = sheet });
        Assert.Contains("Cette feuille a déjà été saisie.", twice.Errors());
        var forced = await agent.SubmitAndReadAsync(formUrl, "main form", new Dictionary<string, string?> { [$"q{s.Choice}"] = s.Yes.Id() });
        Assert.Contains("Cette feuille a déjà été saisie.", forced.Errors());
        var stored = await _app.InAAsync(db => db.SurveyResponses.Where(r => r.SurveyId == s.Survey)
            .Select(r => new { r.SheetNumber, r.Channel }).ToListAsync());
        Assert.Equal((2, Channel.PaperRegister), (Assert.Single(stored).SheetNumber, stored[0].Channel));
    }

    [Fact]
    public async Task A_mistyped_unprinted_foreign_or_other_service_survey_reference_is_refused_in_french()
    {
        var s = await SurveyAsync();
        var agent = await _app.SignedInAsync("agent");
        await PrintAsync(agent, s.Survey, "1");
        var inB = await _app.NewSurveyAsync(organization: _app.OrganizationB);
        await _app.InOrganizationAsync(_app.OrganizationB, (db, _) =>
            db.Surveys.Where(x => x.Id == inB.Survey).ExecuteUpdateAsync(x => x.SetProperty(v => v.PaperSheetsPrinted, 5)));
        var good = Reference(s.Survey, 1);
        var typo = good[..^1] + (good[^1] == 'A' ? 'B' : 'A');

        async Task<IReadOnlyList<string>> LookUpAsync(HttpClient client, string reference) =>
            (await client.SubmitAndReadAsync("/admin/saisie-papier", "main form", new Dictionary<string, string?> { ["reference"] = reference })).Errors();
        Assert.Contains("Cette référence n'est pas valide : vérifiez-la sur la feuille (exemple : C12-0042-K).", await LookUpAsync(agent, typo));
        Assert.Contains("Aucune feuille n'a été imprimée sous cette référence.", await LookUpAsync(agent, Reference(s.Survey, 2)));
        Assert.Contains("Aucune enquête ne correspond à cette référence.", await LookUpAsync(agent, Reference(inB.Survey, 1)));
        Assert.Contains("Cette feuille relève d'un autre service.", await LookUpAsync(await _app.SignedInAsync("voirie"), good));
        Assert.Equal(0, await _app.InAAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == s.Survey)));
    }

    [Fact]
    public async Task Only_those_who_manage_the_survey_print_its_kit_and_another_organizations_survey_is_not_found()
    {
        var s = await SurveyAsync();
        var urls = new[] { $"/admin/enquetes/{s.Survey}/kit", $"/admin/enquetes/{s.Survey}/kit?handler=Poster&format=A4" };
        var voirie = await _app.SignedInAsync("voirie");
        var citizen = (await _app.CitizenClientAsync()).Client;
        foreach (var url in urls)
        {
            AssertRefused(await voirie.GetAsync(url));
            AssertRefused(await citizen.GetAsync(url));
        }
        AssertRefused(await voirie.GetAsync($"/admin/enquetes/{s.Survey}/papier?feuille={Reference(s.Survey, 1)}"));
        // The print form, posted by the agent of another service with a token of its own: refused, nothing numbered.
        var token = (await voirie.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        AssertRefused(await voirie.PostAsync(urls[0], new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Count"] = "3",
        })));
        Assert.Equal(0, await _app.InAAsync(db => db.Surveys.Where(x => x.Id == s.Survey).Select(x => x.PaperSheetsPrinted).SingleAsync()));

        var agent = await _app.SignedInAsync("agent");
        foreach (var url in urls) Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(url)).StatusCode);
        // A survey without a service is every agent's, as its other staff pages.
        var unassigned = await SurveyAsync(service: null);
        Assert.Equal(HttpStatusCode.OK, (await voirie.GetAsync($"/admin/enquetes/{unassigned.Survey}/kit")).StatusCode);
        var inB = await _app.NewSurveyAsync(organization: _app.OrganizationB);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/admin/enquetes/{inB.Survey}/kit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/admin/enquetes/{inB.Survey}/kit?handler=Poster&format=A3")).StatusCode);
    }

    [Fact]
    public async Task A_bad_sheet_count_or_a_survey_not_open_gets_a_french_message_and_nothing_is_printed()
    {
        var s = await SurveyAsync();
        var agent = await _app.SignedInAsync("agent");
        foreach (var count in new[] { "0", "501", "-3", "douze", "", "2147483648" })
        {
            var page = await agent.SubmitAndReadAsync($"/admin/enquetes/{s.Survey}/kit", PrintForm, new Dictionary<string, string?> { ["Count"] = count });
            Assert.Contains("Imprimez entre 1 et 500 feuilles à la fois.", page.Errors());
        }
        Assert.Equal(0, await _app.InAAsync(db => db.Surveys.Where(x => x.Id == s.Survey).Select(x => x.PaperSheetsPrinted).SingleAsync()));

        var draft = await _app.NewSurveyAsync(published: false, service: "Service urbanisme");
        var shown = await agent.GetDocumentAsync($"/admin/enquetes/{draft.Survey}/kit");
        Assert.Contains("Le kit papier s'imprime pour une enquête publiée et pas encore close.", shown.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(shown.QuerySelector(PrintForm));
        var poster = await agent.GetDocumentAsync($"/admin/enquetes/{draft.Survey}/kit?handler=Poster&format=A4");
        Assert.Contains("Le kit papier s'imprime pour une enquête publiée et pas encore close.", poster.Errors());
        // The form of a page opened while the survey was open, posted after it closed.
        var open = await SurveyAsync();
        var before = await agent.GetDocumentAsync($"/admin/enquetes/{open.Survey}/kit");
        await _app.InAAsync(db => db.Surveys.Where(x => x.Id == open.Survey).ExecuteUpdateAsync(x => x.SetProperty(v => v.ClosedAt, DateTime.UtcNow)));
        var closed = HtmlClient.Parse(await (await agent.SubmitAsync(before, $"/admin/enquetes/{open.Survey}/kit", PrintForm,
            new Dictionary<string, string?> { ["Count"] = "2" })).Content.ReadAsStringAsync());
        Assert.Contains("Le kit papier s'imprime pour une enquête publiée et pas encore close.", closed.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.Surveys.Where(x => x.Id == open.Survey).Select(x => x.PaperSheetsPrinted).SingleAsync()));
    }

    [Fact]
    public async Task Naughty_strings_in_the_count_and_the_reference_fields_are_refused_in_french_never_a_500_and_nothing_is_saved()
    {
        var s = await SurveyAsync();
        var agent = await _app.SignedInAsync("agent");
        foreach (var naughty in Security.NaughtyStringTests.Strings.Where((_, i) => i % 6 == 3))
        {
            var print = await agent.SubmitAsync($"/admin/enquetes/{s.Survey}/kit", PrintForm, new Dictionary<string, string?> { ["Count"] = naughty });
            Assert.True(print.StatusCode == HttpStatusCode.OK, $"{(int)print.StatusCode} for {naughty}");
            if (print.Content.Headers.ContentType?.MediaType != "application/pdf")
                Assert.Contains("Imprimez entre 1 et 500 feuilles à la fois.", HtmlClient.Parse(await print.Content.ReadAsStringAsync()).Errors());

            var lookup = await agent.SubmitAsync("/admin/saisie-papier", "main form", new Dictionary<string, string?> { ["reference"] = "Q" + naughty });
            Assert.True((int)lookup.StatusCode < 500, $"{(int)lookup.StatusCode} for {naughty}");
            if (lookup.StatusCode == HttpStatusCode.OK)
                Security.NaughtyStringTests.AssertNoInjectedMarkup(HtmlClient.Parse(await lookup.Content.ReadAsStringAsync()), naughty);

            var entry = await agent.SubmitAsync($"/admin/enquetes/{s.Survey}/papier", "main form",
                new Dictionary<string, string?> { ["feuille"] = naughty, [$"q{s.Choice}"] = s.No.Id() });
            Assert.True((int)entry.StatusCode < 500, $"{(int)entry.StatusCode} for {naughty}");
            if (entry.StatusCode == HttpStatusCode.OK)
                Security.NaughtyStringTests.AssertNoInjectedMarkup(HtmlClient.Parse(await entry.Content.ReadAsStringAsync()), naughty);
        }
        // Only blank references are "no sheet": no answer entered above carries a sheet.
        Assert.Equal(0, await _app.InAAsync(db => db.SurveyResponses.CountAsync(r => r.SurveyId == s.Survey && r.SheetNumber != null)));
    }

    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location!.OriginalString.Contains("/compte/acces-refuse", StringComparison.Ordinal),
            $"{(int)response.StatusCode} {response.Headers.Location}");
}
