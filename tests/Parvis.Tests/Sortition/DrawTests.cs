using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Sortition;
using Parvis.Testing;

namespace Parvis.Tests.Sortition;

/// <summary>Staff prepare, commit and run a draw; the public page lets anyone re-run it; only administrators act, only in their organization.</summary>
[Collection(CivicAppCollection.Name)]
public class DrawTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_draw_committed_then_run_publishes_what_a_rerun_of_the_command_needs_and_gives_the_same_panel()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/tirages/{draw}")).StatusCode);

        await admin.PostAsync(draw, "Commit", new() { ["seed"] = "loto 2026-12-05 7 12 23" });
        var committed = await visitor.GetDocumentAsync($"/tirages/{draw}");
        Assert.Equal(LotteryRandom.Commitment("loto 2026-12-05 7 12 23"), committed.QuerySelector("[data-commitment='1']")!.TextContent);
        Assert.DoesNotContain("loto 2026", committed.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Personne 1", committed.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(20, committed.QuerySelectorAll("details tbody tr").Length);

        var ran = await admin.PostAsync(draw, "Run");
        Assert.Equal("Tour tiré : le panel et la graine sont publiés.", ran.QuerySelector(".notice")!.TextContent.Trim());
        var page = await visitor.GetDocumentAsync($"/tirages/{draw}");
        Assert.Equal("loto 2026-12-05 7 12 23", page.QuerySelector("[data-seed='1']")!.TextContent);
        var published = page.QuerySelectorAll("ul[data-round='1'] li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, published.Count);
        Assert.Equal("dotnet run --project src/Parvis -- sortition --people people.csv --quotas quotas.csv --panel 5 --seed \"loto 2026-12-05 7 12 23\" --algorithm leximin",
            page.QuerySelector("[data-command='1']")!.TextContent);

        var folder = Directory.CreateTempSubdirectory("parvis-draw-").FullName;
        try
        {
            foreach (var file in new[] { "people", "quotas" })
                await File.WriteAllBytesAsync(Path.Combine(folder, file + ".csv"), await visitor.GetByteArrayAsync($"/tirages/{draw}/tours/1/{file}.csv"));
            var output = new StringWriter();
            var code = await SortitionCommand.RunAsync(["--people", Path.Combine(folder, "people.csv"), "--quotas", Path.Combine(folder, "quotas.csv"),
                "--panel", "5", "--seed", "loto 2026-12-05 7 12 23"], output, TextWriter.Null);
            Assert.Equal(0, code);
            Assert.Equal(published, output.ToString().Split("\n\n")[0].Split('\n'));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        var actions = await _app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == nameof(Draw) && a.TargetId == draw.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(a => a.Action).ToListAsync());
        Assert.Equal(["draw.commit", "draw.create", "draw.pool", "draw.quotas", "draw.run"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_person_who_declines_is_replaced_by_a_committed_round_from_those_never_drawn()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        await admin.PostAsync(draw, "Commit");
        var page = await admin.PostAsync(draw, "Run");
        Assert.Equal(5, page.QuerySelectorAll("form[action*='handler=Decline']").Length);
        await admin.SubmitAndReadAsync($"/admin/tirages/{draw}", "form[action*='handler=Decline']", new Dictionary<string, string?>());
        page = await admin.PostAsync(draw, "Commit");
        Assert.Equal(2, await _app.InAAsync(db => db.DrawRounds.CountAsync(r => r.DrawId == draw)));
        var round = await _app.InAAsync(db => db.DrawRounds.SingleAsync(r => r.DrawId == draw && r.Number == 2));
        Assert.Equal(1, round.PanelSize);
        var firstSelected = await _app.InAAsync(db => db.DrawPeople.Where(p => p.DrawId == draw && p.SelectedInRound == 1).Select(p => p.Code).ToListAsync());
        Assert.All(firstSelected, code => Assert.DoesNotContain("\"" + code + "\"", round.PeopleCsv, StringComparison.Ordinal));

        await admin.PostAsync(draw, "Run");
        var people = await _app.InAAsync(db => db.DrawPeople.Where(p => p.DrawId == draw && p.SelectedInRound != null).ToListAsync());
        Assert.Equal(5, people.Count(p => p.Sits));
        Assert.Single(people, p => p.SelectedInRound == 2);
        var quotas = await _app.InAAsync(db => db.DrawQuotas.Where(q => q.DrawId == draw).ToListAsync());
        foreach (var quota in quotas)
        {
            var feature = quota.Feature == "genre" ? 0 : 1;
            Assert.InRange(people.Count(p => p.Sits && p.ValueList[feature] == quota.Value), quota.Min, quota.Max);
        }
        var visitor = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/tirages/{draw}");
        Assert.Single(visitor.QuerySelectorAll("ul[data-round='2'] li"));
    }

    [Fact]
    public async Task One_per_household_publishes_household_codes_not_addresses()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync(household: true);
        await admin.PostAsync(draw, "Commit");
        await admin.PostAsync(draw, "Run");
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var bytes = await visitor.GetByteArrayAsync($"/tirages/{draw}/tours/1/people.csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var people = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("id;genre;quartier;foyer\n", people, StringComparison.Ordinal);
        Assert.DoesNotContain("rue", people, StringComparison.Ordinal);
        var page = await visitor.GetDocumentAsync($"/tirages/{draw}");
        Assert.EndsWith("--household foyer --algorithm leximin", page.QuerySelector("[data-command='1']")!.TextContent, StringComparison.Ordinal);
        var selected = await _app.InAAsync(db => db.DrawPeople.Where(p => p.DrawId == draw && p.SelectedInRound != null).Select(p => p.Household).ToListAsync());
        Assert.Equal(selected.Count, selected.Distinct().Count());
    }

    [Theory]
    [InlineData("Quotas", "feature;value;min\ngenre;F;1\n", "Colonnes manquantes dans le fichier quotas : max.")]
    [InlineData("Quotas", "feature,value,min,max\ngenre,F,-1,2\n", "quotas, ligne 2 : « -1 » n'est pas un nombre entier positif (min).")]
    [InlineData("Quotas", "feature,value,min,max\ngenre,F,3,1\n", "Le quota genre=F (min 3, max 1) doit avoir 0 ≤ min ≤ max.")]
    [InlineData("Quotas", "feature,value,min,max\n=cmd,F,1,2\n", "Le nom de caractéristique « =cmd » doit commencer par une lettre ou un chiffre et ne contenir ni virgule, ni point-virgule, ni guillemet.")]
    [InlineData("Quotas", "", "Choisissez un fichier CSV.")]
    [InlineData("Quotas", "\n", "Le fichier des quotas est vide.")]
    [InlineData("Pool", "nom;genre\nA;F\n", "Colonnes manquantes dans le fichier du vivier : quartier.")]
    [InlineData("Pool", "nom;genre;quartier\nA;X;Gare\n", "La personne « ligne 2 » a la valeur « X » pour « genre », qui n'a pas de ligne dans les quotas.")]
    [InlineData("Pool", "nom;genre;quartier\n", "Le fichier du vivier ne contient aucune personne.")]
    public async Task A_bad_file_gets_a_french_message_and_nothing_is_saved(string handler, string csv, string message)
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.CreateAsync();
        if (handler == "Pool") await admin.UploadAsync(draw, "Quotas", DrawData.Quotas);

        var response = await admin.UploadAsync(draw, handler, csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await admin.ReadAsync(response)).Errors());
        Assert.Equal(handler == "Pool" ? 4 : 0, await _app.InAAsync(db => db.DrawQuotas.CountAsync(q => q.DrawId == draw)));
        Assert.Equal(0, await _app.InAAsync(db => db.DrawPeople.CountAsync(p => p.DrawId == draw)));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_and_quotas_that_cannot_be_met_are_named()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.CreateAsync(panel: 5);
        await admin.UploadAsync(draw, "Quotas", "feature,value,min,max\ngenre,F,4,5\ngenre,H,4,5\nquartier,Gare,0,5\nquartier,Port,0,5\n");
        var latin1 = await admin.UploadBytesAsync(draw, "Pool", [.. "nom;genre;quartier\nH"u8, 0xE9, .. "l;F;Gare\n"u8]);
        Assert.Contains("Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » depuis le tableur.", (await admin.ReadAsync(latin1)).Errors());
        await admin.UploadAsync(draw, "Pool", DrawData.Pool());

        var page = await admin.PostAsync(draw, "Commit");

        Assert.Contains("Ces quotas ne peuvent pas être respectés ensemble pour un panel de 5 personnes : genre=F (min 4, max 5) [10 dans le vivier] ; genre=H (min 4, max 5) [10 dans le vivier].", page.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.DrawRounds.CountAsync(r => r.DrawId == draw)));
    }

    [Fact]
    public async Task Running_before_committing_and_changing_a_committed_draw_are_refused()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        var page = await admin.GetDocumentAsync($"/admin/tirages/{draw}");
        Assert.Null(page.QuerySelector("form[action*='handler=Run']"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var run = await admin.PostAsync($"/admin/tirages/{draw}?handler=Run", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Contains("Engagez d'abord un tour : sa graine doit être annoncée avant le tirage.", (await admin.ReadAsync(run)).Errors());

        await admin.PostAsync(draw, "Commit");
        var quotas = await admin.PostAsync($"/admin/tirages/{draw}?handler=Quotas", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Contains("Choisissez un fichier CSV.", (await admin.ReadAsync(quotas)).Errors());
        page = await admin.GetDocumentAsync($"/admin/tirages/{draw}");
        Assert.Null(page.QuerySelector("form[action*='handler=Pool']"));
        Assert.Null(page.QuerySelector("form[action*='handler=Commit']"));
        var again = await admin.PostAsync($"/admin/tirages/{draw}?handler=Commit", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Contains("Le tour engagé n'a pas encore été tiré.", (await admin.ReadAsync(again)).Errors());
        Assert.Equal(1, await _app.InAAsync(db => db.DrawRounds.CountAsync(r => r.DrawId == draw)));
    }

    [Fact]
    public async Task Importing_into_a_committed_draw_is_refused()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        var page = await admin.GetDocumentAsync($"/admin/tirages/{draw}");
        await admin.PostAsync(draw, "Commit");

        foreach (var handler in new[] { "Quotas", "Pool" })
        {
            var response = await admin.PostFileAsync($"/admin/tirages/{draw}?handler={handler}", DrawData.Token(page), "feature,value,min,max\ngenre,F,0,9\n"u8.ToArray());
            Assert.Contains("Le tirage est engagé : son vivier, ses quotas et sa taille ne peuvent plus changer.", (await admin.ReadAsync(response)).Errors());
        }
        Assert.Equal(4, await _app.InAAsync(db => db.DrawQuotas.CountAsync(q => q.DrawId == draw)));
        Assert.Equal(20, await _app.InAAsync(db => db.DrawPeople.CountAsync(p => p.DrawId == draw)));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("moderation")]
    [InlineData("elu")]
    public async Task Staff_who_are_not_administrators_are_refused_every_draw_page_and_action(string who)
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        var staff = await _app.SignedInAsync(who);
        var token = (await staff.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        AssertRefused(await staff.GetAsync("/admin/tirages"));
        AssertRefused(await staff.GetAsync($"/admin/tirages/{draw}"));
        foreach (var handler in new[] { "Commit", "Run", "Quotas", "Pool", "Decline" })
            AssertRefused(await staff.PostAsync($"/admin/tirages/{draw}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)])));
        AssertRefused(await staff.PostAsync("/admin/tirages", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Title", "Intrus"), new("PanelSize", "3")])));
        Assert.Equal(0, await _app.InAAsync(db => db.DrawRounds.CountAsync(r => r.DrawId == draw)));
        Assert.False(await _app.InAAsync(db => db.Draws.AnyAsync(d => d.Title == "Intrus")));
    }

    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath() == "/compte/acces-refuse"),
            $"{(int)response.StatusCode} {response.Headers.Location}");

    [Fact]
    public async Task A_visitor_is_sent_to_sign_in_and_a_post_without_its_form_token_is_refused()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var page = await visitor.GetAsync($"/admin/tirages/{draw}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/compte/connexion", page.Headers.Location!.AbsolutePath());

        var forged = await admin.PostAsync($"/admin/tirages/{draw}?handler=Commit", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await _app.InAAsync(db => db.DrawRounds.CountAsync(r => r.DrawId == draw)));
    }

    [Fact]
    public async Task Another_organization_sees_nothing_of_a_draw_and_cannot_act_on_it()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        await admin.PostAsync(draw, "Commit");
        await admin.PostAsync(draw, "Run");
        var otherVisitor = _app.ClientFor(ParvisFactory.HostB);
        var otherAdmin = await _app.SignedInAsync("admin", ParvisFactory.HostB);

        Assert.Equal(HttpStatusCode.NotFound, (await otherVisitor.GetAsync($"/tirages/{draw}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherVisitor.GetAsync($"/tirages/{draw}/tours/1/people.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync($"/admin/tirages/{draw}")).StatusCode);
        var list = await otherAdmin.GetDocumentAsync("/admin/tirages");
        Assert.Null(list.QuerySelector($"a[href='/admin/tirages/{draw}']"));
        var token = list.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var decline = await otherAdmin.PostAsync($"/admin/tirages/{draw}?handler=Run", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, decline.StatusCode);
        Assert.Equal(1, await _app.InAAsync(db => db.DrawRounds.CountAsync(r => r.DrawId == draw)));
    }

    [Fact]
    public async Task Every_draw_table_is_filtered_by_organization()
    {
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        await admin.PostAsync(draw, "Commit");
        await admin.PostAsync(draw, "Run");

        var seenFromB = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) => new[]
        {
            await db.Draws.CountAsync(d => d.Id == draw),
            await db.DrawPeople.CountAsync(p => p.DrawId == draw),
            await db.DrawQuotas.CountAsync(q => q.DrawId == draw),
            await db.DrawRounds.CountAsync(r => r.DrawId == draw),
        });
        var seenFromA = await _app.InAAsync(async db => new[]
        {
            await db.Draws.CountAsync(d => d.Id == draw),
            await db.DrawPeople.CountAsync(p => p.DrawId == draw),
            await db.DrawQuotas.CountAsync(q => q.DrawId == draw),
            await db.DrawRounds.CountAsync(r => r.DrawId == draw),
        });

        Assert.Equal([0, 0, 0, 0], seenFromB);
        Assert.All(seenFromA, count => Assert.True(count > 0));
    }

    [Fact]
    public async Task Naughty_titles_and_values_are_stored_as_typed_and_shown_as_text()
    {
        var admin = await _app.SignedInAsync("admin");
        foreach (var s in Parvis.Tests.Security.NaughtyStringTests.Strings.Where((_, i) => i % 8 == 3))
        {
            var response = await admin.SubmitAsync("/admin/tirages", "main form", new Dictionary<string, string?> { ["Title"] = s, ["PanelSize"] = "1" });
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {s}");
            if (response.StatusCode != HttpStatusCode.Redirect) continue;
            var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(s.Trim(), await _app.InAAsync(db => db.Draws.Where(d => d.Id == id).Select(d => d.Title).SingleAsync()));
            var value = s.Trim().Replace("\"", "\"\"", StringComparison.Ordinal);
            var upload = await admin.UploadAsync(id, "Quotas", $"feature,value,min,max\ngenre,\"{value}\",0,1\n");
            Assert.True((int)upload.StatusCode < 500, $"{(int)upload.StatusCode} for quota {s}");
            var page = await admin.GetDocumentAsync($"/admin/tirages/{id}");
            Parvis.Tests.Security.NaughtyStringTests.AssertNoInjectedMarkup(page, s);
        }
    }

    [Fact]
    public async Task Naughty_seeds_and_names_are_kept_as_typed_and_shown_as_text()
    {
        var admin = await _app.SignedInAsync("admin");
        foreach (var s in Parvis.Tests.Security.NaughtyStringTests.Strings.Where((_, i) => i % 16 == 5))
        {
            var name = s.Trim().Replace("\"", "\"\"", StringComparison.Ordinal).Replace(";", ",", StringComparison.Ordinal);
            var pool = DrawData.Pool().Replace("Personne 0;", $"\"{name}\";", StringComparison.Ordinal);
            var draw = await admin.PreparedAsync(pool: pool);
            var seed = s.Length > 200 ? s[..200] : s;
            var committed = await admin.PostAsync(draw, "Commit", new() { ["seed"] = seed });
            Parvis.Tests.Security.NaughtyStringTests.AssertNoInjectedMarkup(committed, s);
            if (!seed.Trim().All(c => char.IsAsciiLetterOrDigit(c) || " ._:/,-".Contains(c, StringComparison.Ordinal)))
            {
                Assert.Contains("La graine tient en 200 caractères : lettres sans accent, chiffres, espaces et . _ : / , - seulement.",
                    committed.Errors());
                Assert.Equal(0, await _app.InAAsync(db => db.DrawRounds.CountAsync(r => r.DrawId == draw)));
                seed = "";
                await admin.PostAsync(draw, "Commit", new() { ["seed"] = seed });
            }
            var run = await admin.PostAsync(draw, "Run");
            Parvis.Tests.Security.NaughtyStringTests.AssertNoInjectedMarkup(run, s);
            Parvis.Tests.Security.NaughtyStringTests.AssertNoInjectedMarkup(
                await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/tirages/{draw}"), s);
            var rounds = await _app.InAAsync(db => db.DrawRounds.Where(r => r.DrawId == draw).Select(r => r.Seed).ToListAsync());
            Assert.Single(rounds);
        }
    }
}

internal static class LocationExtensions
{
    /// <summary>The path of a redirect's target, whether the server wrote it relative or absolute.</summary>
    public static string AbsolutePath(this Uri location) =>
        (location.IsAbsoluteUri ? location : new Uri(new Uri("http://a.test"), location)).AbsolutePath;
}
