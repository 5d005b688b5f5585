using Parvis.Testing;

namespace Parvis.Tests.Consultations;

/// <summary>
/// What signed-in pages take from memory (a consultation's header, the territories, the home page's list) is evicted by
/// a staff action at once and is never another organization's. Nothing here arranges data through the database between
/// a page read and its check: that would evict the cache by itself (<see cref="ParvisFactory.InOrganizationAsync{T}"/>).
/// </summary>
[Collection(AppCollection.Name)]
public class OrganizationCacheTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_staff_edit_shows_at_once_on_the_signed_in_consultation_page_and_the_home_page()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        var admin = await _app.SignedInAsync("admin");
        var summary = "Résumé revu " + Guid.NewGuid().ToString("N")[..8];
        // Both pages read once, so that what they keep in memory is the summary before the edit.
        Assert.DoesNotContain(summary, (await citizen.GetDocumentAsync($"/concertations/{id}")).Body!.TextContent);
        Assert.DoesNotContain(summary, (await citizen.GetDocumentAsync("/")).Body!.TextContent);

        await admin.SubmitAsync($"/admin/concertations/{id}", "main form:not([action*=handler])", new Dictionary<string, string?> { ["Form.Summary"] = summary });

        Assert.Equal(summary, (await citizen.GetDocumentAsync($"/concertations/{id}")).QuerySelector("p.lead")!.TextContent);
        Assert.Contains(summary, (await citizen.GetDocumentAsync("/")).Body!.TextContent);
    }

    [Fact]
    public async Task A_new_territory_shows_at_once_in_the_filters_and_never_in_another_organization()
    {
        var id = await _app.NewOpenConsultationAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        var admin = await _app.SignedInAsync("admin");
        await citizen.GetDocumentAsync($"/concertations/{id}");

        var name = "Quartier " + Guid.NewGuid().ToString("N")[..8];
        await admin.SubmitAsync("/admin/territoires", "form[action*=Add]", new Dictionary<string, string?> { ["name"] = name });

        var filter = (await citizen.GetDocumentAsync($"/concertations/{id}")).QuerySelector("select#territoire")!;
        Assert.Contains(name, filter.TextContent);
        var otherId = await _app.IdAsync(ConsultationData.Open, _app.OrganizationB);
        var other = await _app.ClientFor(ParvisFactory.HostB).GetDocumentAsync($"/concertations/{otherId}");
        Assert.DoesNotContain(name, other.QuerySelector("select#territoire")!.TextContent);
    }

    [Fact]
    public async Task A_consultation_read_in_one_organization_never_answers_in_another()
    {
        var title = "Titre de A " + Guid.NewGuid().ToString("N")[..8];
        var id = await _app.NewOpenConsultationAsync(title: title);
        var anonymousA = _app.ClientFor(ParvisFactory.HostA);
        Assert.Contains(title, (await anonymousA.GetDocumentAsync($"/concertations/{id}")).QuerySelector("h1")!.TextContent);
        Assert.Contains(title, (await anonymousA.GetDocumentAsync("/")).Body!.TextContent);

        var anonymousB = _app.ClientFor(ParvisFactory.HostB);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anonymousB.GetAsync($"/concertations/{id}")).StatusCode);
        Assert.DoesNotContain(title, (await anonymousB.GetDocumentAsync("/")).Body!.TextContent);
    }
}
