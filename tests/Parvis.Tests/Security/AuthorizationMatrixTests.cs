using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Security;

/// <summary>
/// Every endpoint of the application (each Razor page handler and each minimal-API route), requested
/// by each kind of person, against the rule declared in <c>AuthorizationMatrixRules.cs</c>. A new route without a declared rule fails
/// the test. POSTs carry a valid antiforgery token and no other field: "allowed" means the handler
/// ran (its own rules may still refuse with a form error), "denied" means a redirect to the sign-in
/// or access-denied page, a 401, 403 or 404. The application runs alone: the POSTs must not disturb other tests.
/// </summary>
public sealed partial class AuthorizationMatrixTests : IAsyncLifetime
{
    private static readonly string[] People = ["anonymous", "citizen", "moderator", "agent", "elected", "admin", "admin of Ville B"];

    private sealed class MatrixFactory : ParvisFactory
    {
        // Without a contact, /.well-known/security.txt answers 404 to everyone.
        protected override Dictionary<string, string?> Settings => new() { ["Operations:SecurityContact"] = "securite@exploitant.test" };
    }

    private readonly MatrixFactory _app = new();

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        await EnableFranceConnectAsync();
    }

    // Also run before each person: the administrator's empty POST of /admin/identite switches every method off.
    private async Task EnableFranceConnectAsync()
    {
        await _app.InOrganizationAsync(_app.OrganizationA, async (db, services) =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == _app.OrganizationA.Id);
            org.Identity.EnabledMethods |= VerificationMethods.FranceConnect;
            org.Identity.OidcIssuer = $"http://{ParvisFactory.HostA}/";
            org.Identity.OidcClientId = Parvis.Features.DevIdentityProvider.DevIdentityProviderSetup.ClientId;
            org.Identity.OidcClientSecretProtected = services.GetRequiredService<IDataProtectionProvider>()
                .CreateProtector(Parvis.Features.FranceConnect.OidcSettings.SecretPurpose).Protect(Parvis.Features.DevIdentityProvider.DevIdentityProviderSetup.ClientSecret);
            return await db.SaveChangesAsync();
        });
        _app.ForgetOrganizationCache(ParvisFactory.HostA);
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Every_endpoint_has_a_declared_rule_and_keeps_it_for_everyone()
    {
        var endpoints = await EndpointsAsync();
        var undeclared = endpoints.Except(Rules.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(undeclared.Count == 0, "Declare who may use these endpoints in AuthorizationMatrixRules.cs (or its Publishing part):\n" + string.Join("\n", undeclared));
        var stale = Rules.Keys.Except(endpoints).ToList();
        Assert.True(stale.Count == 0, "Rules for endpoints that no longer exist:\n" + string.Join("\n", stale));

        var ids = await IdsAsync();
        var wrong = new List<string>();
        for (var person = 0; person < People.Length; person++)
        {
            await EnableFranceConnectAsync();
            var client = await ClientAsync(person);
            // A form token of this person: the sign-out form when signed in, the sign-in form otherwise.
            var token = ((await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")
                ?? (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]"))!.GetAttribute("value")!;
            // Signing out last, so that the other requests keep the person's session.
            foreach (var endpoint in Rules.Keys.OrderBy(k => k.Contains("/deconnexion", StringComparison.Ordinal)))
            {
                var (method, target) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
                var url = ids.Aggregate(target, (u, id) => u.Replace(id.Key, id.Value, StringComparison.Ordinal));
                if (target.StartsWith("/contributions/", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{contribution}"], StringComparison.Ordinal);
                if (target.StartsWith("/petitions/", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids[target.EndsWith("/accuse-de-reception", StringComparison.Ordinal) ? "{acknowledged}" : "{petition}"], StringComparison.Ordinal)
                        .Replace("{id:int?}", "", StringComparison.Ordinal).Replace("{token}", ids["{token}"], StringComparison.Ordinal);
                else if (target.Contains("/petitions/{id:int}", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{petition}"], StringComparison.Ordinal);
                if (target.StartsWith("/propositions/", StringComparison.Ordinal) || target.StartsWith("/admin/propositions/", StringComparison.Ordinal))
                    url = target.Replace("{id:int?}", ids["{space}"], StringComparison.Ordinal)
                        .Replace("{id:int}", target.StartsWith("/propositions/espaces/", StringComparison.Ordinal) ? ids["{space}"] : ids["{proposal}"], StringComparison.Ordinal);
                if (target.StartsWith("/profils/", StringComparison.Ordinal)) url = $"/profils/{ids["{author}"]}";
                if (target.StartsWith("/nous-avons-fait/resultats/", StringComparison.Ordinal)) url = $"/nous-avons-fait/resultats/{ids["{published outcome}"]}";
                if (target.StartsWith("/admin/resultats/{", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{service outcome}"], StringComparison.Ordinal);
                if (target.StartsWith("/signalements/{", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids["{request}"], StringComparison.Ordinal).Replace("{step:regex(^(confirmer|arreter)$)}", "arreter", StringComparison.Ordinal);
                if (target.StartsWith("/fichiers/", StringComparison.Ordinal)) url = $"/fichiers/{ids["{file}"]}";
                if (target.StartsWith("/reunions/", StringComparison.Ordinal) || target.StartsWith("/admin/reunions/", StringComparison.Ordinal))
                    url = target.Replace("{id:int?}", ids["{meeting}"], StringComparison.Ordinal).Replace("{id:int}", ids["{meeting}"], StringComparison.Ordinal);
                // The demo project for the public page (never unpublished here), one of the agent's service for the staff routes.
                if (target.StartsWith("/projets/{", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{project}"], StringComparison.Ordinal);
                if (target.StartsWith("/admin/projets/{", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{service project}"], StringComparison.Ordinal);
                if (target.StartsWith("/actualites/{", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{news}"], StringComparison.Ordinal);
                if (target.StartsWith("/admin/actualites/{", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{draft news}"], StringComparison.Ordinal);
                if (target.StartsWith("/admin/enquetes/{", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{service survey}"], StringComparison.Ordinal);
                if (target.StartsWith("/enquetes/{", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids[target.EndsWith("handler=Quick", StringComparison.Ordinal) ? "{quick question}" : "{survey}"], StringComparison.Ordinal);
                if (target.StartsWith("/budgets/{", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids[target.Contains("/resultats", StringComparison.Ordinal) ? "{closed budget}" : "{budget}"], StringComparison.Ordinal);
                if (target.StartsWith("/admin/budgets/projets/{", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{budget project}"], StringComparison.Ordinal);
                else if (target.StartsWith("/admin/budgets/{", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{service budget}"], StringComparison.Ordinal);
                if (target.StartsWith("/statistiques/concertations/", StringComparison.Ordinal))
                    url = target.Replace("{consultationId:int}", ids["{id:int}"], StringComparison.Ordinal);
                if (target.StartsWith("/guichet/", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids["{request}"], StringComparison.Ordinal);
                if (target.StartsWith("/admin/signalements/categories/", StringComparison.Ordinal))
                    url = target.Replace("{categoryId:int}", ids["{category}"], StringComparison.Ordinal)
                        .Replace("categories/{id:int?}", "categories/" + ids["{category}"], StringComparison.Ordinal).Replace("{id:int?}", "", StringComparison.Ordinal);
                if (target.StartsWith("/open311/", StringComparison.Ordinal))
                    url = target.Replace("{format}", "json", StringComparison.Ordinal).Replace("{code}", "nid-de-poule", StringComparison.Ordinal)
                        .Replace("{id}", ids["{request}"], StringComparison.Ordinal).Replace("{token}", ids["{request token}"], StringComparison.Ordinal);
                if (target.StartsWith("/tirages/", StringComparison.Ordinal) || target.StartsWith("/admin/tirages/", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids["{draw}"], StringComparison.Ordinal).Replace("{round:int}", "1", StringComparison.Ordinal)
                        .Replace("{file}", "people", StringComparison.Ordinal);
                if (target.Contains("/enonces/", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids["{statements consultation}"], StringComparison.Ordinal)
                        .Replace("{questionId:int}", ids["{statements question}"], StringComparison.Ordinal);
                if (target.StartsWith("/conseils/avis/", StringComparison.Ordinal)) url = target.Replace("{id:int}", ids["{opinion}"], StringComparison.Ordinal);
                else if (target.StartsWith("/conseils/", StringComparison.Ordinal) || target.StartsWith("/admin/conseils/", StringComparison.Ordinal))
                    url = target.Replace("{id:int}", ids["{council}"], StringComparison.Ordinal)
                        .Replace("{councilId:int}", ids["{council}"], StringComparison.Ordinal);
                if (target.StartsWith("/api/", StringComparison.Ordinal))
                {
                    var item = target.Split('/') is [.., var kind, "{id:int}"] ? kind switch
                    {
                        "contributions" => ids["{contribution}"],
                        "proposals" => ids["{proposal}"],
                        "petitions" => ids["{petition}"],
                        "outcomes" => ids["{published outcome}"],
                        "territories" => ids["{territoryId:int}"],
                        "meetings" => ids["{meeting}"],
                        "councils" => ids["{council}"],
                        "budgets" => ids["{budget}"],
                        "surveys" => ids["{survey}"],
                        "projects" => ids["{project}"],
                        "news" => ids["{news}"],
                        _ => ids["{id:int}"],
                    } : "";
                    url = target.Replace("{id:int}", item, StringComparison.Ordinal)
                        .Replace("{documentName}", "v1", StringComparison.Ordinal).Replace("{documentName?}", "", StringComparison.Ordinal);
                }
                if (target.StartsWith("/verifier/", StringComparison.Ordinal))
                    url = target.Replace("{item}", "petition", StringComparison.Ordinal).Replace("{id:int}", ids["{petition}"], StringComparison.Ordinal)
                        .Replace("{format}", "json", StringComparison.Ordinal);
                if (target == "/donnees/{dataset}.{format}") url = "/donnees/contributions.csv";
                if (target.StartsWith("/sitemap-contributions-", StringComparison.Ordinal)) url = "/sitemap-contributions-0.xml";
                if (target.StartsWith("/sitemap-propositions-", StringComparison.Ordinal)) url = "/sitemap-propositions-0.xml";
                var response = method == "GET" ? await client.GetAsync(url)
                    : method == "HEAD" ? await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url))
                    : await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                var expected = Rules[endpoint][person] == '+';
                if ((int)response.StatusCode >= 500 || Denied(response) == expected)
                    wrong.Add($"{endpoint} as {People[person]}: expected {(expected ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static bool Denied(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
        || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location?.OriginalString is { } to
            && (to.StartsWith("/compte/connexion", StringComparison.Ordinal) || to.StartsWith("/compte/acces-refuse", StringComparison.Ordinal)
                || to.Contains("/compte/connexion?", StringComparison.Ordinal) || to.Contains("/compte/acces-refuse?", StringComparison.Ordinal)));

    /// <summary>"METHOD route" for every minimal-API route, "METHOD route?handler=Name" for every named Razor page handler.</summary>
    private async Task<HashSet<string>> EndpointsAsync()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var loader = _app.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                // A page without a model (the charter) answers GET with its view.
                if (compiled.HandlerMethods.Count == 0) found.Add($"GET {route}");
                foreach (var handler in compiled.HandlerMethods)
                    found.Add($"{handler.HttpMethod.ToUpperInvariant()} {route}{(handler.Name is null ? "" : "?handler=" + handler.Name)}");
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                    found.Add($"{method} {route}");
            }
        }
        return found;
    }

    /// <summary>Real ids of Ville A: the open consultation (carried by the agent's service), one of its contributions, its author and a file.</summary>
    private Task<Dictionary<string, string>> IdsAsync() => _app.InAAsync(async db =>
    {
        var consultation = await db.Consultations.Where(c => c.Title == ConsultationData.Open).Select(c => c.Id).SingleAsync();
        var contribution = await db.Contributions.Where(c => c.ConsultationId == consultation && c.State == ModerationState.Published && c.AuthorId != null)
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.AuthorId }).FirstAsync();
        var file = await db.StoredFiles.Where(f => f.ConsultationId == consultation).Select(f => f.Id).FirstAsync();
        // Outcomes: one published without a service (never unpublished here), one of the agent's service for the staff routes.
        var publishedOutcome = await db.Outcomes.Where(o => o.PublishedAt != null && o.ServiceName == null).Select(o => o.Id).FirstAsync();
        var serviceOutcome = await db.Outcomes.Where(o => o.ServiceName == "Service urbanisme").Select(o => o.Id).FirstAsync();
        var territory = await db.Territories.Select(t => t.Id).FirstAsync();
        var petition = await db.Petitions.Where(p => p.Status == PetitionStatus.Open).OrderBy(p => p.Id).FirstAsync();
        var acknowledged = new Petition
        {
            AuthorId = petition.AuthorId,
            TerritoryId = petition.TerritoryId,
            Title = "Demande L1112-16",
            Request = "Inscrire la question à l'ordre du jour.",
            Reasons = "Parce que.",
            Addressee = "Le conseil municipal",
            Status = PetitionStatus.Open,
            ElectorMode = true,
            PublishedAt = DateTime.UtcNow,
            ClosesAt = DateTime.UtcNow.AddMonths(6),
            ResponseThreshold = 10,
            AgendaThreshold = 10,
            AgendaThresholdReachedAt = DateTime.UtcNow,
            AcknowledgedAt = DateTime.UtcNow,
        };
        db.Petitions.Add(acknowledged);
        await db.SaveChangesAsync();
        var space = await db.ProposalSpaces.Where(s => s.Title == Parvis.Features.Demo.DemoSeeder.DemoProposalSpace).Select(s => s.Id).SingleAsync();
        var proposal = await db.Proposals.Where(p => p.SpaceId == space && p.Status == ProposalState.Published).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        // A visible acknowledged request of the Service voirie (so the agent of urbanisme is refused its handling page),
        // given an Open311 token as if a client had sent it.
        var request = await db.ServiceRequests.Where(r => r.ServiceName == "Service voirie" && r.Status == RequestStatus.Acknowledged && !r.IsHidden && !r.AwaitingEmail).OrderBy(r => r.Id).FirstAsync();
        request.ApiToken ??= "jeton-de-la-matrice";
        await db.SaveChangesAsync();
        var category = await db.RequestCategories.Where(c => c.Code == "nid-de-poule").Select(c => c.Id).SingleAsync();
        var meeting = await db.Meetings.Where(m => m.ConsultationId == consultation && m.Kind == MeetingKind.Workshop).Select(m => m.Id).FirstAsync();
        var project = await db.Projects.Where(p => p.Title == Parvis.Features.Demo.DemoProjects.GareProject).Select(p => p.Id).SingleAsync();
        var serviceProject = new Project { Title = "Projet de la matrice", ServiceName = "Service urbanisme" };
        db.Projects.Add(serviceProject);
        // A draft survey of the agent's service, without a question: every staff form of it is refused by its own rules.
        var serviceSurvey = new Survey { Title = "Enquête de la matrice", ServiceName = "Service urbanisme", TerritoryId = territory };
        db.Surveys.Add(serviceSurvey);
        await db.SaveChangesAsync();
        // Budgets: the demo's open vote and closed one; a draft of the agent's service with one project for the staff routes.
        var budget = await db.Budgets.Where(x => x.Title == Parvis.Features.Demo.DemoBudgets.VoteBudget).Select(x => x.Id).SingleAsync();
        var closedBudget = await db.Budgets.Where(x => x.Title == Parvis.Features.Demo.DemoBudgets.ResultsBudget).Select(x => x.Id).SingleAsync();
        var serviceBudget = new Budget
        {
            Title = "Budget de la matrice",
            ServiceName = "Service urbanisme",
            TerritoryId = territory,
            Amount = 1000,
            IdeasFrom = DateTime.UtcNow.AddDays(10),
            StudyFrom = DateTime.UtcNow.AddDays(20),
            VoteFrom = DateTime.UtcNow.AddDays(30),
            VoteUntil = DateTime.UtcNow.AddDays(40),
            RealisationFrom = DateTime.UtcNow.AddDays(50),
        };
        db.Budgets.Add(serviceBudget);
        await db.SaveChangesAsync();
        var budgetProject = new BudgetProject { BudgetId = serviceBudget.Id, Title = "Projet de la matrice", Cost = 100 };
        db.BudgetProjects.Add(budgetProject);
        await db.SaveChangesAsync();
        var survey = await db.Surveys.Where(x => x.Title == Parvis.Features.Demo.DemoSurveys.GareSurvey).Select(x => x.Id).SingleAsync();
        var quick = await db.Surveys.Where(x => x.Title == Parvis.Features.Demo.DemoSurveys.GareQuickQuestion).Select(x => x.Id).SingleAsync();
        var news = await db.NewsPosts.Where(p => p.Title == Parvis.Features.Demo.DemoNews.CommentedTitle).Select(p => p.Id).SingleAsync();
        // A draft for the staff POSTs: publishing or unpublishing it leaves the demo's posts as they are.
        var draftNews = new NewsPost { Title = "Actualité de la matrice" };
        db.NewsPosts.Add(draftNews);
        await db.SaveChangesAsync();
        var draw = await db.Draws.Where(d => d.Title == Parvis.Features.Demo.DemoDraws.Title).Select(d => d.Id).SingleAsync();
        var council = await db.Councils.Where(c => c.Name == Parvis.Features.Demo.DemoSeeder.DemoCouncil).Select(c => c.Id).SingleAsync();
        var opinion = await db.CouncilOpinions.Where(o => o.CouncilId == council).Select(o => o.Id).FirstAsync();
        var statements = await db.Questions.Where(q => q.Kind == ConsultationQuestionKind.Statements)
            .Select(q => new { q.Id, q.ConsultationId }).FirstAsync();
        return new Dictionary<string, string>
        {
            ["{statements consultation}"] = statements.ConsultationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{statements question}"] = statements.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{project}"] = project.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{news}"] = news.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{draft news}"] = draftNews.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{service project}"] = serviceProject.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{survey}"] = survey.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{quick question}"] = quick.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{service survey}"] = serviceSurvey.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{budget}"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{closed budget}"] = closedBudget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{service budget}"] = serviceBudget.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{budget project}"] = budgetProject.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{draw}"] = draw.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{request}"] = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{request token}"] = request.ApiToken,
            ["{category}"] = category.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{meeting}"] = meeting.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{council}"] = council.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{opinion}"] = opinion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{petition}"] = petition.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{acknowledged}"] = acknowledged.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{token}"] = petition.SponsorToken,
            ["{id:int?}"] = consultation.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{id:int}"] = consultation.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{author}"] = contribution.AuthorId!.Value.ToString(),
            ["{file}"] = file.ToString(),
            ["{contribution}"] = contribution.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{published outcome}"] = publishedOutcome.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{service outcome}"] = serviceOutcome.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{territoryId:int}"] = territory.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{space}"] = space.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{proposal}"] = proposal.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    });

    private async Task<HttpClient> ClientAsync(int person)
    {
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        var client = _app.CreateDefaultClient(new Uri($"http://{ParvisFactory.HostA}"), new CookieJar(jar));
        string? account = person switch { 1 => "habitant", 2 => "moderation", 3 => "agent", 4 => "elu", 5 => "admin", _ => null };
        if (account is not null) await client.LoginAsync($"{account}@{ParvisFactory.DomainA}");
        if (person == 6)
        {
            // The same cookies, obtained on Ville B's host.
            var b = _app.CreateDefaultClient(new Uri($"http://{ParvisFactory.HostB}"), new CookieJar(jar));
            await b.LoginAsync($"admin@{ParvisFactory.DomainB}");
        }
        return client;
    }

    /// <summary>Keeps cookies by name whatever the host, so that a sign-in on b.test is presented to a.test.</summary>
    private sealed class CookieJar(Dictionary<string, string> jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (jar.Count > 0) request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, cancellationToken);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = cookie.Split(';')[0];
                var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                if (value.Length == 0 || cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) jar.Remove(name);
                else jar[name] = value;
            }
            return response;
        }
    }
}
