using System.Net;
using Parvis.Testing;

namespace Parvis.ClusterTests;

/// <summary>Two nodes behind nginx behave as one site: sign-ins, forms, caches, jobs, e-mails and rate limits are shared.</summary>
[Trait("Category", "Cluster")]
[Collection("cluster")]
public class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Citizen = "habitant@demo.parvis.localhost";
    private const string Admin = "admin@demo.parvis.localhost";
    private const string DemoPassword = "demo-parvis-2026";
    private static readonly string[] NodeNames = ["node1", "node2"];

    [Fact]
    public async Task A_sign_in_on_node_A_is_valid_on_node_B()
    {
        var cookies = new CookieContainer();
        using var a = ClusterFixture.Client(cluster.Node1, cookies);
        using var b = ClusterFixture.Client(cluster.Node2, cookies);
        await a.LoginAsync(Citizen, DemoPassword);

        var onB = await b.GetAsync("/compte/securite");

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains("Sécurité du compte", await onB.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_signed_out_on_node_A_is_refused_on_node_B_even_to_a_copy_of_its_cookie()
    {
        var cookies = new CookieContainer();
        using var a = ClusterFixture.Client(cluster.Node1, cookies);
        await a.LoginAsync("lea@demo.parvis.localhost", DemoPassword);
        var copy = new CookieContainer();
        copy.Add(cluster.Node2, new Cookie("parvis.auth", cookies.GetCookies(cluster.Node1)["parvis.auth"]!.Value));
        using var b = ClusterFixture.Client(cluster.Node2, copy);
        // B now holds the session's stamp in its memory.
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/compte/donnees/export.json")).StatusCode);

        await a.SubmitAsync("/", "header form[action='/compte/deconnexion']", new Dictionary<string, string?>());

        // B forgets the stamp when Redis relays A's message; without it, B would keep the session for the entry's minute.
        await Eventually.UntilAsync(async () => (await b.GetAsync("/compte/donnees/export.json")).StatusCode == HttpStatusCode.Redirect,
            TimeSpan.FromSeconds(5), "node B still accepts the signed-out session");
    }

    [Fact]
    public async Task A_form_rendered_by_node_A_posts_to_node_B()
    {
        var cookies = new CookieContainer();
        using var a = ClusterFixture.Client(cluster.Node1, cookies);
        using var b = ClusterFixture.Client(cluster.Node2, cookies);
        await a.LoginAsync(Citizen, DemoPassword);
        var id = await cluster.OpenConsultationAsync();
        var url = $"/concertations/{id}";
        var body = "Rendu par A, envoyé à B " + Guid.NewGuid().ToString("N")[..8];

        var page = await a.GetDocumentAsync(url);
        var response = await b.SubmitAsync(page, url, "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = body });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1L, await cluster.QueryAsync<long>($"SELECT count(*) FROM \"Contributions\" WHERE \"Body\" = '{body}'"));
    }

    [Fact]
    public async Task An_organization_renamed_on_node_A_is_not_served_stale_by_node_B()
    {
        using var b = ClusterFixture.Client(cluster.Node2);
        Assert.Contains("Ville de Démo", await (await b.GetAsync("/")).TextAsync(), StringComparison.Ordinal); // now cached on B
        using var admin = ClusterFixture.Client(cluster.Node1);
        await admin.LoginAsync(Admin, DemoPassword);
        var name = "Ville renommée " + Guid.NewGuid().ToString("N")[..6];

        var saved = await admin.SubmitAsync("/admin/organisation", "main form:not([enctype])", new Dictionary<string, string?> { ["Form.Name"] = name });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // B drops its copy when Redis relays A's message, a fraction of a millisecond after A's answer;
        // without that message it would serve the old name for the entry's 30 seconds.
        await Eventually.UntilAsync(async () => (await (await b.GetAsync("/")).TextAsync()).Contains(name, StringComparison.Ordinal),
            TimeSpan.FromSeconds(1), "node B still serves the old name");
        await admin.SubmitAsync("/admin/organisation", "main form:not([enctype])", new Dictionary<string, string?> { ["Form.Name"] = "Ville de Démo" });
    }

    [Fact]
    public async Task A_scheduled_job_runs_once_per_period_not_once_per_node()
    {
        // The purge job runs every 2 s on this cluster; both nodes tick four times per period.
        await Task.Delay(TimeSpan.FromSeconds(9));
        var slots = await cluster.QueryListAsync<long>("""SELECT "Slot" FROM "JobRuns" WHERE "Job" = 'outbox-purge' AND "FinishedAt" IS NOT NULL AND "Error" IS NULL ORDER BY "Slot" """);

        Assert.True(slots.Count >= 4, $"expected a run in each 2-second period, got {slots.Count}");
        Assert.Equal(slots.Count, slots.Distinct().Count());
        var recent = slots.TakeLast(4).ToList();
        Assert.Equal(Enumerable.Range(0, 4).Select(i => recent[0] + i), recent);
        var nodes = await cluster.QueryListAsync<string>("""SELECT DISTINCT "Node" FROM "JobRuns" """);
        Assert.All(nodes, n => Assert.Contains(n, NodeNames));
    }

    [Fact]
    public async Task Each_e_mail_leaves_once_although_both_nodes_send()
    {
        // Both nodes poll the outbox every 200 ms: without claims most messages would leave twice.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var addresses = Enumerable.Range(1, 8).Select(i => $"grappe-{tag}-{i}@example.org").ToList();
        foreach (var (email, i) in addresses.Select((e, i) => (e, i)))
        {
            using var client = ClusterFixture.Client(i % 2 == 0 ? cluster.Node1 : cluster.Node2);
            var response = await client.SubmitAsync("/compte/inscription", "main form", new Dictionary<string, string?>
            {
                ["Form.Email"] = email,
                ["Form.Pseudonym"] = "Grappe " + i,
                ["Form.Password"] = "un mot de passe long",
                ["Form.AcceptCharter"] = "true",
            });
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"sign-up answered {(int)response.StatusCode}");
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await cluster.QueryAsync<long>($"SELECT count(*) FROM \"Outbox\" WHERE \"To\" LIKE 'grappe-{tag}-%' AND \"SentAt\" IS NULL") > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await Task.Delay(1000); // a duplicate send would land by now

        var files = Directory.GetFiles(cluster.MailFolder, "*.eml").Select(File.ReadAllText).ToList();
        foreach (var email in addresses)
            Assert.Equal(1, files.Count(f => f.Contains(email, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rate_limits_hold_across_nodes()
    {
        // One client address (forwarded by the trusted proxy) tries wrong passwords on both nodes in turn.
        var address = $"10.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 14; i++)
        {
            using var client = ClusterFixture.Client(i % 2 == 0 ? cluster.Node1 : cluster.Node2);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
            var response = await client.SubmitAsync("/compte/connexion", "main form", new Dictionary<string, string?>
            {
                ["Form.Email"] = Citizen,
                ["Form.Password"] = "pas le bon mot de passe",
            });
            statuses.Add(response.StatusCode);
        }

        // 10 per minute for the whole site, not 10 per node.
        Assert.Equal(10, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task A_petition_is_signed_from_an_ordinary_e_mail_domain()
    {
        // Not one of the big webmail domains, so the per-domain limit, counted in Redis, has its say.
        var id = await cluster.QueryAsync<int>("""
            SELECT "Id" FROM "Petitions" WHERE "Status" = 'Open' AND NOT "ElectorMode" AND "SignLevel" = 'AnyoneWithConfirmedEmail'
            ORDER BY "Id" LIMIT 1
            """);
        var email = $"signataire-{Guid.NewGuid():N}@mairie-exemple.fr";
        using var client = ClusterFixture.Client(cluster.Nginx);

        var response = await client.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", new Dictionary<string, string?>
        {
            ["Input.Name"] = "Camille Martin",
            ["Input.Email"] = email,
            ["Input.PostalCode"] = "75011",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/petitions/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(1L, await cluster.QueryAsync<long>($"SELECT count(*) FROM \"PetitionSignatures\" WHERE \"Email\" = '{email}'"));
    }
}
