using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Demo;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Testing;

/// <summary>
/// The real application over its real database and a real SMTP server. Two organizations are seeded
/// with the demo data: "Ville A" at a.test and "Ville B" at b.test, so every test can check isolation.
/// </summary>
public class ParvisFactory : WebApplicationFactory<Program>
{
    public const string HostA = "a.test";
    public const string HostB = "b.test";
    public const string DomainA = "a.test";
    public const string DomainB = "b.test";
    public const string Password = DemoSeeder.Password;

    public TestDatabase Database { get; } = new();
    public TestSmtpServer Smtp { get; } = new();
    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), $"parvis-files-{Guid.NewGuid():N}");
    protected virtual Dictionary<string, string?> Settings => [];
    protected virtual string[] HostsA => [HostA];
    protected virtual bool SecondOrganization => true;
    /// <summary>The SMTP port the application sends to; a test of an outage points it where nothing listens.</summary>
    protected virtual int SmtpPort => Smtp.Port;

    private Organization? _a;
    private Organization? _b;
    public Organization OrganizationA => _a ?? throw new InvalidOperationException("Call InitializeAsync first.");
    public Organization OrganizationB => _b ?? throw new InvalidOperationException("Call InitializeAsync first.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.Provider,
            ["ConnectionStrings:Parvis"] = Database.ConnectionString,
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Security"] = "None",
            ["Email:PollSeconds"] = "0.2",
            ["Demo:Seed"] = "false",
            // Tests seal the tally logs themselves (TallySealer), so that "en attente de scellement" is seen for sure.
            ["Jobs:TallySealInterval"] = "365.00:00:00",
            // No address leaves a test for the national address API; a test that needs one starts its own.
            ["Maps:GeocoderUrl"] = "",
            // The test clients speak plain HTTP: links made outside a request (jobs, group commits) must too.
            ["PublicAddress:Scheme"] = "http",
            ["Files:Root"] = FilesRoot,
            ["RateLimits:SignUpPerHour"] = "10000",
            ["RateLimits:LoginPerMinute"] = "10000",
            ["RateLimits:PostsPerMinute"] = "10000",
            ["RateLimits:ResetsPerHour"] = "10000",
            ["RateLimits:ReactionsPerMinute"] = "10000",
            ["RateLimits:FlagsPerMinute"] = "10000",
            ["RateLimits:ExportsPerHour"] = "10000",
            ["RateLimits:IdentityChecksPerHour"] = "10000",
            ["RateLimits:SignaturesPerHour"] = "10000",
            ["RateLimits:SignaturesPerDomainPerMinute"] = "10000",
            ["RateLimits:Open311PerKeyPerMinute"] = "10000",
            ["RateLimits:Open311PerAddressPerMinute"] = "10000",
            ["DevIdentityProvider:Enabled"] = "true",
            ["Identity:PasswordHashIterations"] = "1000",
        };
        foreach (var (k, v) in Settings) settings[k] = v;
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
        // The OpenID back channel reaches the development provider of a.test and b.test inside this
        // process, and any other provider (a rogue one run by a test) over real sockets.
        builder.ConfigureServices(services => services.AddHttpClient(Parvis.Features.FranceConnect.OidcConfigurations.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new OidcBackChannel(() => Server.CreateHandler())));
    }

    /// <summary>The public address of a host of this test application, as e-mailed links must start.</summary>
    protected virtual string LinkBase(string host) => $"http://{host}/";

    /// <summary>Starts the host and seeds both organizations once.</summary>
    public async Task InitializeAsync()
    {
        _ = Services;
        Smtp.LinkBases = () =>
        {
            using var scope = Services.CreateScope();
            return [.. scope.ServiceProvider.GetRequiredService<ParvisDbContext>().OrganizationHosts.Select(h => h.HostName).AsEnumerable().Select(LinkBase)];
        };
        if (_a is not null) return;
        _a = await SeedAsync("Ville A", HostsA, DomainA);
        if (SecondOrganization) _b = await SeedAsync("Ville B", [HostB], DomainB);
    }

    private async Task<Organization> SeedAsync(string name, string[] hosts, string domain)
    {
        using var scope = Services.CreateScope();
        return await DemoSeeder.SeedAsync(scope.ServiceProvider, DateTime.UtcNow, name, hosts, domain);
    }

    public HttpClient ClientFor(string host) =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}"), AllowAutoRedirect = false });

    /// <summary>A unit of work inside one organization, to arrange data or to check what was saved.</summary>
    public async Task<T> InOrganizationAsync<T>(Organization organization, Func<ParvisDbContext, IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organization);
        var result = await work(scope.ServiceProvider.GetRequiredService<ParvisDbContext>(), scope.ServiceProvider);
        // Data arranged here skips the staff actions that evict the organization's cached data: evicted as they would.
        Services.GetRequiredService<Parvis.Infrastructure.Cluster.StaffChanges>()
            .Signal(Parvis.Infrastructure.Web.AnonymousPagePolicy.OrganizationTag(organization.Id));
        return result;
    }

    /// <summary>A fresh confirmed citizen of organization A (or the given one), so tests never share a person.</summary>
    public Task<string> NewCitizenAsync(Organization? organization = null, string? firstName = "Camille", string? lastName = "Dupont") =>
        InOrganizationAsync(organization ?? OrganizationA, async (db, services) =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Parvis.Infrastructure.Identity.ParvisUser>>();
            var email = $"citoyen-{Guid.NewGuid():N}@example.org";
            var user = new Parvis.Infrastructure.Identity.ParvisUser
            {
                OrganizationId = (organization ?? OrganizationA).Id,
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                Pseudonym = "Pseudo" + email[8..14],
                FirstName = firstName,
                LastName = lastName,
                CreatedAt = DateTime.UtcNow,
            };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            return email;
        });

    /// <summary>A client signed in as a fresh citizen of organization A.</summary>
    public async Task<(HttpClient Client, string Email)> CitizenClientAsync()
    {
        var email = await NewCitizenAsync();
        var client = ClientFor(HostA);
        await client.LoginAsync(email);
        return (client, email);
    }

    public async Task<HttpClient> SignedInAsync(string localPart, string host = HostA)
    {
        var client = ClientFor(host);
        await client.LoginAsync($"{localPart}@{(host == HostA ? DomainA : DomainB)}");
        return client;
    }

    /// <summary>Drops the cached organization of a host after a test changed its settings in the database.</summary>
    public void ForgetOrganizationCache(string host) =>
        Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>().Remove("tenant:" + host);

    public Task<T> InAAsync<T>(Func<ParvisDbContext, Task<T>> work) => InOrganizationAsync(OrganizationA, (db, _) => work(db));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        Database.Dispose();
        if (Directory.Exists(FilesRoot)) Directory.Delete(FilesRoot, recursive: true);
        GC.SuppressFinalize(this);
    }
}
