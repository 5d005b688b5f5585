using Microsoft.EntityFrameworkCore;
using Parvis.Features.Demo;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

/// <summary>The demo's survey and quick question about the place de la Gare show results from the first visit.</summary>
[Collection(AppCollection.Name)]
public class DemoSurveyTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_demo_survey_and_quick_question_of_the_place_de_la_Gare_have_results()
    {
        var (survey, quick, project) = await _app.InAAsync(async db => (
            await db.Surveys.Where(s => s.Title == DemoSurveys.GareSurvey).Select(s => s.Id).SingleAsync(),
            await db.Surveys.Where(s => s.Title == DemoSurveys.GareQuickQuestion).Select(s => s.Id).SingleAsync(),
            await db.Projects.Where(p => p.Title == DemoProjects.GareProject).Select(p => p.Id).SingleAsync()));
        var (client, _) = await _app.CitizenClientAsync();
        var results = await client.GetDocumentAsync($"/enquetes/{survey}/resultats");
        Assert.Contains("320 réponses, dont 288 en ligne et 32 sur papier.", results.QuerySelector(".survey-total")!.TextContent, StringComparison.Ordinal);
        Assert.True(results.QuerySelectorAll("svg.chart").Length >= 4);
        Assert.NotEmpty(results.QuerySelectorAll(".survey-matrix"));
        Assert.NotEmpty(results.QuerySelectorAll(".survey-texts li"));
        var page = await client.GetDocumentAsync($"/enquetes/{survey}");
        Assert.Contains("une réponse par appareil", page.Body!.TextContent, StringComparison.Ordinal);
        var projectPage = await client.GetDocumentAsync($"/projets/{project}");
        Assert.Equal(DemoSurveys.GareQuickQuestion, projectPage.QuerySelector("section.quick-question legend")!.TextContent);
        var quickResults = await client.GetDocumentAsync($"/enquetes/{quick}/resultats");
        Assert.Equal(3, quickResults.QuerySelectorAll(".survey-figures tbody tr").Length);
    }
}
