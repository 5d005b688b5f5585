using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Surveys;

/// <summary>
/// The counters the unfiltered results read are kept by the database (triggers): after answers, a changed answer, a
/// paper sheet and an erased response they still match the answers row for row, on both providers.
/// </summary>
[Collection(AppCollection.Name)]
public class SurveyTallyTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_counters_match_the_answers_after_answering_changing_and_erasing()
    {
        var s = await _app.NewSurveyAsync(SurveyData.OneChoice, x => (x.AnswerLevel, x.AllowChanges) = (ParticipationLevel.Anyone, true));
        await _app.SeedAnswersAsync(s, "avis", "oui", 9);
        await _app.SeedAnswersAsync(s, "avis", "sansavis", 2);
        var device = _app.ClientFor(ParvisFactory.HostA);
        var page = await device.GetDocumentAsync(s.Url);
        Assert.Equal(HttpStatusCode.Redirect, (await device.AnswerAsync(page, s.Url, (s.Field("avis"), s.Option("oui")))).StatusCode);
        page = await device.GetDocumentAsync(s.Url + "?modifier=true");
        Assert.Equal(HttpStatusCode.Redirect, (await device.AnswerAsync(page, s.Url, (s.Field("avis"), s.Option("non")))).StatusCode);
        await _app.InAAsync(async db =>
        {
            var erased = await db.SurveyResponses.Where(r => r.SurveyId == s.Id).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
            return await db.SurveyResponses.Where(r => r.Id == erased).ExecuteDeleteAsync();
        });

        var (tallied, counted) = await _app.InAAsync(async db => (
            await db.SurveyTallies.Where(t => t.SurveyId == s.Id && t.Count != 0)
                .GroupBy(t => new { t.QuestionId, t.OptionId, t.Channel })
                .Select(g => new { g.Key.QuestionId, g.Key.OptionId, g.Key.Channel, N = g.Sum(t => t.Count) }).ToListAsync(),
            await db.SurveyAnswerChoices.Where(c => c.SurveyId == s.Id)
                .GroupBy(c => new { c.QuestionId, c.OptionId, c.Channel })
                .Select(g => new { g.Key.QuestionId, g.Key.OptionId, g.Key.Channel, N = g.LongCount() }).ToListAsync()));
        var expected = counted.Select(c => (c.QuestionId, c.OptionId ?? SurveyTally.None, c.Channel, c.N)).Order().ToList();
        Assert.Equal(expected, tallied.Select(t => (t.QuestionId, t.OptionId, t.Channel, t.N)).Order());
        // 12 answers, one erased; the changed one counts once, for its new choice.
        Assert.Equal([(s.O["oui"], 8L), (s.O["sansavis"], 2L), (s.O["non"], 1L)],
            tallied.Where(t => t.OptionId != SurveyTally.None).OrderByDescending(t => t.N).Select(t => (t.OptionId, t.N)));

        var results = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync(s.Url + "/resultats");
        Assert.Equal(["8", "1", "2"], results.QuerySelectorAll(".survey-figures tbody tr td:first-of-type").Select(c => c.TextContent));
    }

    [Fact]
    public async Task Deleting_a_survey_takes_its_counters_with_it()
    {
        var s = await _app.NewSurveyAsync(SurveyData.OneChoice, x => x.AnswerLevel = ParticipationLevel.Anyone);
        await _app.SeedAnswersAsync(s, "avis", "oui", 3);
        Assert.Equal(3, await _app.InAAsync(db => db.SurveyTallies.Where(t => t.SurveyId == s.Id && t.OptionId == s.O["oui"]).SumAsync(t => t.Count)));
        await _app.InAAsync(db => db.Surveys.Where(x => x.Id == s.Id).ExecuteDeleteAsync());
        Assert.Equal(0, await _app.InAAsync(db => db.SurveyTallies.CountAsync(t => t.SurveyId == s.Id)));
    }
}
