using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Parvis.Testing;

namespace Parvis.BrowserTests;

/// <summary>The application on a real Kestrel port, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public KestrelParvisFactory App { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => App.BaseUrl;

    public async Task InitializeAsync()
    {
        App.StartServer();
        await App.InitializeAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PARVIS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync(bool javaScript = true, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            JavaScriptEnabled = javaScript,
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        var page = await context.NewPageAsync();
        if (!javaScript) PageChecks.WithoutScript.Add(page, Browser);
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class KestrelParvisFactory : ParvisFactory
{
    public int Port { get; } = TestSmtpServer.FreePort();
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    protected override string[] HostsA => ["127.0.0.1", HostA];
    protected override string LinkBase(string host) => $"http://{host}:{Port}/";
    // Notification e-mails leave within a second, as a person waiting for one would see them (a minute in production).
    protected override Dictionary<string, string?> Settings => new()
    {
        ["PublicAddress:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:NotificationMailInterval"] = "00:00:01",
    };

    public KestrelParvisFactory() => UseKestrel(Port);
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

public static class PageChecks
{
    /// <summary>Pages opened with JavaScript off, and the browser to copy them into for axe.</summary>
    internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, IBrowser> WithoutScript = [];

    /// <summary>
    /// Runs axe-core on the page and fails with the list of violations, if any. axe needs timers, which never fire
    /// on a page with JavaScript off (it waited forever): such a page is checked as a copy of its document in a
    /// page whose own scripts are not loaded, so what axe sees is what the person without JavaScript has.
    /// </summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var checkedPage = WithoutScript.TryGetValue(page, out var browser) ? await CopyWithoutScriptsAsync(page, browser) : page;
        try
        {
            var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
            // A check that cannot finish fails the test instead of holding the run until CI's limit.
            var result = await checkedPage.RunAxe(options).WaitAsync(TimeSpan.FromMinutes(2));
            var problems = result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})").ToList();
            Assert.True(problems.Count == 0, $"axe found on {page.Url}:\n{string.Join("\n", problems)}");
        }
        finally
        {
            if (checkedPage != page) await checkedPage.Context.CloseAsync();
        }
    }

    private static async Task<IPage> CopyWithoutScriptsAsync(IPage page, IBrowser browser)
    {
        var size = page.ViewportSize!;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
        });
        var copy = await context.NewPageAsync();
        await copy.RouteAsync("**/*.js", route => route.AbortAsync());
        var html = await page.ContentAsync();
        // The copy resolves the stylesheets and images against the page's own address.
        await copy.SetContentAsync(html.Replace("<head>", $"<head><base href=\"{page.Url}\">", StringComparison.Ordinal));
        return copy;
    }

    /// <summary>
    /// Waits until the browser shows the page at that address, parsed down to its footer. Not for the "load" event:
    /// on a loaded CI machine Playwright has missed it on a redirect's target (after a form's POST) and waited out
    /// its 30 s. Pages without JavaScript are checked by axe as a copy, which loads its own stylesheets.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, string urlGlob)
    {
        await page.WaitForURLAsync(urlGlob, new() { WaitUntil = WaitUntilState.Commit, Timeout = 20_000 });
        await Assertions.Expect(page.Locator("footer.site-footer")).ToBeAttachedAsync(new() { Timeout = 20_000 });
    }

    public static async Task LoginAsync(this IPage page, string email, string password = ParvisFactory.Password)
    {
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // Waits for what a person sees once signed in, not for the "load" event: on a loaded CI machine
        // Playwright once missed that event on the redirect target and waited out its 30 s.
        // Attached, not visible: on a phone the button sits in the closed "Menu".
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Se déconnecter"), IncludeHidden = true })).ToBeAttachedAsync(new() { Timeout = 20_000 });
    }
}
