using System.Text;
using Microsoft.Playwright;
using Parvis.Features.Sortition;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>A draw run, published and re-run from the command with the same result: on a 360 px phone, without
/// JavaScript, the run by keyboard; every page checked with axe.</summary>
[Collection(BrowserCollection.Name)]
public class DrawJourneyTests(BrowserFixture fixture)
{
    private const string Quotas = "feature,value,min,max\ngenre,femme,3,4\ngenre,homme,3,4\nage,jeune,2,5\nage,aîné,2,5\n";

    private static string Pool()
    {
        var text = new StringBuilder("nom;genre;age\n");
        for (var i = 0; i < 30; i++) text.Append(FormattableString.Invariant($"Personne {i};{(i % 3 == 0 ? "homme" : "femme")};{(i % 4 == 0 ? "jeune" : "aîné")}\n"));
        return text.ToString();
    }

    [Fact]
    public async Task A_draw_run_published_and_rerun_from_the_command_gives_the_same_panel()
    {
        var title = "Assemblée citoyenne " + Guid.NewGuid().ToString("N")[..4];
        var page = await fixture.NewPageAsync(javaScript: false, width: 360);
        await page.LoginAsync("admin@" + ParvisFactory.DomainA);
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tirages au sort" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tirages au sort");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Taille du panel").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le tirage" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Tirage créé");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Fichier des quotas").SetInputFilesAsync(new FilePayload { Name = "quotas.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Quotas) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer les quotas" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Quotas importés.");
        await page.GetByLabel("Fichier du vivier").SetInputFilesAsync(new FilePayload { Name = "vivier.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Pool()) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer le vivier" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Vivier importé.");
        await page.GetByLabel("Graine (facultative)").FillAsync("bourse 2026-12-05 17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Engager et publier l'empreinte" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Tour engagé");
        await page.AssertAccessibleAsync();
        var run = page.GetByRole(AriaRole.Button, new() { Name = "Tirer au sort" });
        await run.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Tour tiré");
        await page.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the staff draw page scrolls sideways at 360 px");

        await page.GetByRole(AriaRole.Link, new() { Name = "Page publique du tirage" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await page.GetByText("Probabilité de sélection de chaque personne").ClickAsync();
        await page.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), "the public draw page scrolls sideways at 360 px");
        var published = await page.Locator("ul[data-round='1'] li").AllTextContentsAsync();
        Assert.Equal(7, published.Count);
        var command = await page.Locator("[data-command='1']").TextContentAsync();
        Assert.Contains("--panel 7 --seed \"bourse 2026-12-05 17:00\"", command, StringComparison.Ordinal);

        var folder = Directory.CreateTempSubdirectory("parvis-draw-browser-").FullName;
        try
        {
            foreach (var file in new[] { "people.csv", "quotas.csv" })
            {
                var href = await page.GetByRole(AriaRole.Link, new() { Name = file }).GetAttributeAsync("href")
                    ?? throw new InvalidOperationException("The link to " + file + " has no address.");
                var download = await page.Context.APIRequest.GetAsync(href);
                await File.WriteAllBytesAsync(Path.Combine(folder, file), await download.BodyAsync());
            }
            var output = new StringWriter();
            var code = await SortitionCommand.RunAsync(["--people", Path.Combine(folder, "people.csv"), "--quotas", Path.Combine(folder, "quotas.csv"),
                "--panel", "7", "--seed", "bourse 2026-12-05 17:00"], output, TextWriter.Null);
            Assert.Equal(0, code);
            Assert.Equal(published, output.ToString().Split("\n\n")[0].Split('\n'));
            var probabilities = await page.Locator("details tbody tr td:nth-child(2)").AllTextContentsAsync();
            Assert.Contains(probabilities[0], output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
