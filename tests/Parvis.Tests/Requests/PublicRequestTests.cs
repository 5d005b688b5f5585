using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Parvis.Domain;
using Parvis.Features.Requests;
using Parvis.Testing;
using Parvis.Tests.Outcomes;

namespace Parvis.Tests.Requests;

/// <summary>The public map and list of requests (/signalements), its map data and each request's page.</summary>
[Collection(InitiativesAppCollection.Name)]
public class PublicRequestTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private HttpClient Public => _app.ClientFor(ParvisFactory.HostA);

    private static List<string> ListedDescriptions(IHtmlDocument page) =>
        page.QuerySelectorAll(".request-row p:not(.meta)").Select(p => p.TextContent.Trim()).ToList();

    private async Task<List<int>> MapIdsAsync(string query, HttpClient? client = null)
    {
        var response = await (client ?? Public).GetAsync("/signalements/carte.json?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        return json.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("id").GetInt32()).ToList();
    }

    [Fact]
    public async Task The_list_and_the_map_filter_by_category_status_territory_with_its_sub_territories_and_dates()
    {
        var category = await _app.NewCategoryAsync();
        var parent = await _app.NewTerritoryAsync();
        var child = await _app.NewTerritoryAsync(parent);
        var elsewhere = await _app.NewTerritoryAsync();
        var recentInChild = await _app.AddRequestAsync(category, submittedHoursAgo: 48, territoryId: child);
        var resolvedElsewhere = await _app.AddRequestAsync(category, submittedHoursAgo: 10 * 24, territoryId: elsewhere, change: r => { r.Status = RequestStatus.Resolved; r.ClosedAt = DateTime.UtcNow; });
        var oldRejectedInParent = await _app.AddRequestAsync(category, submittedHoursAgo: 40 * 24, territoryId: parent, change: r => { r.Status = RequestStatus.Rejected; r.ClosedAt = DateTime.UtcNow; });
        var c = $"categorie={category.Id}";

        async Task<List<string>> ListAsync(string query) => ListedDescriptions(await Public.GetDocumentAsync("/signalements?" + query));

        var all = await ListAsync(c);
        // Newest first.
        Assert.Equal([recentInChild.Description, resolvedElsewhere.Description, oldRejectedInParent.Description], all);
        Assert.Equal([recentInChild.Description], await ListAsync(c + "&statut=ouverts"));
        Assert.Equal([resolvedElsewhere.Description, oldRejectedInParent.Description], await ListAsync(c + "&statut=fermes"));
        Assert.Equal([oldRejectedInParent.Description], await ListAsync(c + "&statut=rejete"));
        Assert.Equal([recentInChild.Description, oldRejectedInParent.Description], await ListAsync(c + $"&territoire={parent}"));
        Assert.Equal([recentInChild.Description], await ListAsync(c + $"&territoire={child}"));
        var fifteenDaysAgo = DateTime.UtcNow.AddDays(-15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var fiveDaysAgo = DateTime.UtcNow.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([recentInChild.Description, resolvedElsewhere.Description], await ListAsync(c + $"&du={fifteenDaysAgo}"));
        Assert.Equal([resolvedElsewhere.Description], await ListAsync(c + $"&du={fifteenDaysAgo}&au={fiveDaysAgo}"));

        // The map reads the same filters.
        Assert.Equal([recentInChild.Id, oldRejectedInParent.Id], await MapIdsAsync(c + $"&territoire={parent}"));
        Assert.Equal([resolvedElsewhere.Id], await MapIdsAsync(c + "&statut=resolu"));
        // The form keeps what was chosen.
        var page = await Public.GetDocumentAsync("/signalements?" + c + "&statut=fermes");
        Assert.Equal(category.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#categorie option[selected]")!.GetAttribute("value"));
        Assert.Equal("fermes", page.QuerySelector("#statut option[selected]")!.GetAttribute("value"));
        Assert.Equal("Groupe de test", page.QuerySelector($"#categorie option[value='{category.Id}']")!.ParentElement!.GetAttribute("label"));
    }

    [Fact]
    public async Task A_wrong_date_gets_a_french_message_not_an_error_page()
    {
        var page = await Public.GetDocumentAsync("/signalements?du=demain");
        Assert.Contains("La date « du » n'est pas une date", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        page = await Public.GetDocumentAsync("/signalements?du=2026-05-02&au=2026-05-01");
        Assert.Contains("La date de début est après la date de fin.", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Public.GetAsync("/signalements/carte.json?au=31/02/2026")).StatusCode);
        // The last day a calendar has is no 500.
        Assert.Equal(HttpStatusCode.BadRequest, (await Public.GetAsync("/signalements/carte.json?au=9999-12-31")).StatusCode);
        Assert.Contains("hors des dates possibles", (await Public.GetDocumentAsync("/signalements?au=31/12/9999")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hidden_and_unconfirmed_requests_are_in_no_list_page_or_map()
    {
        var category = await _app.NewCategoryAsync();
        var visible = await _app.AddRequestAsync(category);
        var hidden = await _app.AddRequestAsync(category, change: r => { r.IsHidden = true; r.HiddenReason = "Propos injurieux"; });
        var awaiting = await _app.AddRequestAsync(category, change: r => r.AwaitingEmail = true);

        Assert.Equal([visible.Description], ListedDescriptions(await Public.GetDocumentAsync($"/signalements?categorie={category.Id}")));
        Assert.Equal([visible.Id], await MapIdsAsync($"categorie={category.Id}"));
        Assert.Equal(HttpStatusCode.OK, (await Public.GetAsync($"/signalements/{visible.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync($"/signalements/{hidden.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync($"/signalements/{awaiting.Id}")).StatusCode);
        // The sitemap offers the list, never a request's page (they carry noindex: streets and neighbours).
        var sitemap = await (await Public.GetAsync("/sitemap-pages.xml")).Content.ReadAsStringAsync();
        Assert.True(sitemap.Contains("/signalements</loc>", StringComparison.Ordinal), sitemap);
        Assert.DoesNotContain("/signalements/", sitemap, StringComparison.Ordinal);
        var page = await Public.GetDocumentAsync($"/signalements/{visible.Id}");
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task The_page_shows_answers_history_signed_by_the_service_the_duplicate_and_followers_but_never_an_internal_note()
    {
        var category = await _app.NewCategoryAsync(service: "Service voirie");
        var original = await _app.AddRequestAsync(category, submittedHoursAgo: 100);
        var request = await _app.AddRequestAsync(category, submittedHoursAgo: 50, change: r => r.FollowerCount = 3);
        await _app.InAAsync(async db =>
        {
            var r = await db.ServiceRequests.FindAsync(request.Id);
            var question = db.CategoryQuestions.Single(q => q.CategoryId == category.Id);
            db.RequestAnswers.Add(new RequestAnswer { RequestId = r!.Id, QuestionId = question.Id, Value = "grand" });
            var now = DateTime.UtcNow;
            r.MoveTo(RequestStatus.Acknowledged, now.AddHours(-40), null, "Service voirie", "Une équipe passera cette semaine.", "NOTE-INTERNE-acknowledged");
            r.Comment(now.AddHours(-30), Guid.NewGuid(), "Service voirie", null, "NOTE-INTERNE-seule");
            var o = await db.ServiceRequests.FindAsync(original.Id);
            r.MoveTo(RequestStatus.Duplicate, now.AddHours(-20), null, "Service voirie", "Déjà signalé juste à côté.", null, o);
            return await db.SaveChangesAsync();
        });

        var response = await Public.GetAsync($"/signalements/{request.Id}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("NOTE-INTERNE", html, StringComparison.Ordinal);
        var page = HtmlClient.Parse(html);
        Assert.Equal("Doublon", page.QuerySelector("#etat")!.TextContent.Trim());
        Assert.Contains("Plus de 50 cm", page.QuerySelector("#reponses")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(request.Description, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var history = page.QuerySelectorAll("#historique-liste li").Select(li => li.TextContent).ToList();
        // Sent, acknowledged with a message, marked as a duplicate: the note-only entry is not public.
        Assert.Equal(3, history.Count);
        Assert.Contains("Une équipe passera cette semaine.", history[1], StringComparison.Ordinal);
        Assert.Contains("Pris en compte", history[1], StringComparison.Ordinal);
        Assert.Contains("Service voirie", history[1], StringComparison.Ordinal);
        Assert.Contains("Déjà signalé juste à côté.", history[2], StringComparison.Ordinal);
        Assert.Equal($"/signalements/{original.Id}", page.QuerySelector("#doublon a")!.GetAttribute("href"));
        Assert.Contains("3 personnes suivent ce signalement.", page.QuerySelector("#abonnes")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#en-retard"));
    }

    [Fact]
    public async Task An_open_request_past_its_due_time_says_it_is_late_and_one_on_time_gives_its_due_date()
    {
        var category = await _app.NewCategoryAsync(targetHours: 24);
        var late = await _app.AddRequestAsync(category, submittedHoursAgo: 30, change: r => r.AcknowledgedAt = r.SubmittedAt.AddHours(1));
        var onTime = await _app.AddRequestAsync(category, submittedHoursAgo: 2);

        var latePage = await Public.GetDocumentAsync($"/signalements/{late.Id}");
        Assert.Equal("En retard", latePage.QuerySelector("#en-retard")!.TextContent.Trim());
        Assert.Contains("ce délai est dépassé", latePage.QuerySelector("#echeance")!.TextContent, StringComparison.Ordinal);
        var onTimePage = await Public.GetDocumentAsync($"/signalements/{onTime.Id}");
        Assert.Null(onTimePage.QuerySelector("#en-retard"));
        Assert.Contains("Résolution visée avant le", onTimePage.QuerySelector("#echeance")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/signalements/{onTime.Id}/suivre", onTimePage.QuerySelector("a[href$='/suivre']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Photos_are_served_with_a_visible_request_and_a_hidden_photo_or_a_hidden_request_s_photo_is_not()
    {
        var category = await _app.NewCategoryAsync(service: "Service voirie");
        var request = await _app.AddRequestAsync(category);
        var shown = await _app.AddPhotoAsync(request.Id);
        var hiddenPhoto = await _app.AddPhotoAsync(request.Id, hidden: true);
        var hiddenRequest = await _app.AddRequestAsync(category, change: r => r.IsHidden = true);
        var photoOfHidden = await _app.AddPhotoAsync(hiddenRequest.Id);

        var page = await Public.GetDocumentAsync($"/signalements/{request.Id}");
        Assert.Equal([$"/fichiers/{shown}"], page.QuerySelectorAll("main figure img").Select(i => i.GetAttribute("src")!).Distinct().ToList());
        Assert.Equal(HttpStatusCode.OK, (await Public.GetAsync($"/fichiers/{shown}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync($"/fichiers/{hiddenPhoto}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync($"/fichiers/{photoOfHidden}")).StatusCode);
        // The service handling it still sees it; an agent of another service does not.
        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignedInAsync("voirie")).GetAsync($"/fichiers/{photoOfHidden}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.SignedInAsync("agent")).GetAsync($"/fichiers/{photoOfHidden}")).StatusCode);
    }

    [Fact]
    public async Task When_reports_are_not_public_only_the_author_reads_a_request_and_the_list_and_map_say_so()
    {
        var (author, email) = await _app.CitizenClientAsync();
        var authorId = await _app.InAAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).Id));
        var category = await _app.NewCategoryAsync();
        var request = await _app.AddRequestAsync(category, change: r => r.AuthorId = authorId);
        var photo = await _app.AddPhotoAsync(request.Id);
        await _app.SetRequestsPublicAsync(false);
        try
        {
            var list = await Public.GetDocumentAsync($"/signalements?categorie={category.Id}");
            Assert.Contains("ne sont pas publiés", list.QuerySelector("main .notice")!.TextContent, StringComparison.Ordinal);
            Assert.Empty(ListedDescriptions(list));
            Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync("/signalements/carte.json")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync($"/signalements/{request.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await (await _app.CitizenClientAsync()).Client.GetAsync($"/signalements/{request.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Public.GetAsync($"/fichiers/{photo}")).StatusCode);
            // Nor can a stranger read it through the follow page, or follow it.
            Assert.DoesNotContain(request.Description, await (await Public.GetAsync($"/signalements/{request.Id}/suivre")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("12 rue Victor-Hugo", await (await Public.GetAsync($"/signalements/{request.Id}/suivre")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains(request.Description, (await author.GetDocumentAsync($"/signalements/{request.Id}")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await author.GetAsync($"/fichiers/{photo}")).StatusCode);
            Assert.DoesNotContain("/signalements</loc>", await (await Public.GetAsync("/sitemap-pages.xml")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await _app.SetRequestsPublicAsync(true);
        }
    }

    [Fact]
    public async Task Ville_B_never_lists_maps_or_shows_a_request_of_Ville_A()
    {
        var category = await _app.NewCategoryAsync();
        var request = await _app.AddRequestAsync(category);
        var photo = await _app.AddPhotoAsync(request.Id);
        var b = _app.ClientFor(ParvisFactory.HostB);

        var html = await (await b.GetAsync("/signalements")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(request.Description, html, StringComparison.Ordinal);
        Assert.DoesNotContain(category.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Id, await MapIdsAsync("", b));
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/signalements/{request.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/fichiers/{photo}")).StatusCode);
        // Filtering B's list by A's category finds nothing rather than A's requests.
        Assert.Empty(ListedDescriptions(await b.GetDocumentAsync($"/signalements?categorie={category.Id}")));
    }

    [Fact]
    public async Task A_long_list_comes_in_pages_of_20_newest_first_keeping_the_filter()
    {
        var category = await _app.NewCategoryAsync();
        var requests = new List<ServiceRequest>();
        for (var i = 0; i < RequestQueries.PageSize + 5; i++) requests.Add(await _app.AddRequestAsync(category, submittedHoursAgo: 100 - i));
        var newestFirst = requests.AsEnumerable().Reverse().Select(r => r.Description).ToList();

        var first = await Public.GetDocumentAsync($"/signalements?categorie={category.Id}");
        Assert.Equal(newestFirst.Take(RequestQueries.PageSize), ListedDescriptions(first));
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains($"categorie={category.Id}", next, StringComparison.Ordinal);
        var second = await Public.GetDocumentAsync(next);
        Assert.Equal(newestFirst.Skip(RequestQueries.PageSize), ListedDescriptions(second));
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.NotNull(second.QuerySelector($"a[href='/signalements?categorie={category.Id}']"));
    }

    [Fact]
    public async Task The_navigation_leads_to_the_requests()
    {
        var home = await Public.GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector("nav a[href='/signalements']"));
    }
}
