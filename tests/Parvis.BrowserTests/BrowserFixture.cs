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
        return await context.NewPageAsync();
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
    protected override Dictionary<string, string?> Settings => new() { ["PublicAddress:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public KestrelParvisFactory() => UseKestrel(Port);
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

public static class PageChecks
{
    /// <summary>Runs axe-core on the page and fails with the list of violations, if any.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var problems = result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})").ToList();
        Assert.True(problems.Count == 0, $"axe found on {page.Url}:\n{string.Join("\n", problems)}");
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
