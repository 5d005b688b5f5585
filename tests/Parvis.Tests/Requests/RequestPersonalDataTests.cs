using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.PersonalData;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

[Collection(InitiativesAppCollection.Name)]
public class RequestPersonalDataTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<Guid> UserIdAsync(string email) => _app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task The_download_holds_my_reports_and_follows_and_the_erasure_keeps_the_report_without_me()
    {
        var (code, categoryId) = await _app.NewReportCategoryAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var me = await UserIdAsync(email);
        var description = $"Mon banc {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.ReportAsync(code, ReportingData.Valid(description))).StatusCode);
        var followed = await _app.SeedRequestAsync(categoryId, 48.86, 2.36);
        await client.SubmitAsync($"/signalements/{followed}/suivre", "main form", new Dictionary<string, string?>());

        var json = await client.GetStringAsync("/compte/donnees/export.json");
        Assert.Contains(description, json, StringComparison.Ordinal);
        Assert.Contains($"/signalements/{followed}", json, StringComparison.Ordinal);
        var html = await client.GetStringAsync("/compte/donnees/export.html");
        Assert.Contains("Signalements suivis (1)", html, StringComparison.Ordinal);

        var erased = await client.SubmitAsync("/compte/supprimer", "main form", new Dictionary<string, string?> { ["Choice"] = "erase", ["Password"] = ParvisFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var kept = (await _app.RequestWithAsync(description))!;
        Assert.Null(kept.AuthorId);
        Assert.Null(kept.ReporterEmail);
        Assert.False(await _app.InAAsync(db => db.RequestFollowers.AnyAsync(f => f.UserId == me)));
        Assert.Equal(0, await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Id == followed).Select(r => r.FollowerCount).SingleAsync()));
    }

    [Fact]
    public async Task The_retention_job_deletes_reports_never_confirmed_once_their_link_is_dead_and_keeps_the_recent_ones()
    {
        var (code, _) = await _app.NewReportCategoryAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var old = $"Jamais confirmé {Guid.NewGuid():N}";
        var recent = $"Pas encore confirmé {Guid.NewGuid():N}";
        foreach (var description in new[] { old, recent })
        {
            var values = ReportingData.Valid(description);
            values["Input.Email"] = $"passant-{Guid.NewGuid():N}@example.org";
            Assert.Equal(HttpStatusCode.Redirect, (await visitor.ReportAsync(code, values)).StatusCode);
        }
        var oldId = (await _app.RequestWithAsync(old))!.Id;
        await _app.InAAsync(db => db.ServiceRequests.Where(r => r.Id == oldId).ExecuteUpdateAsync(s => s.SetProperty(r => r.SubmittedAt, DateTime.UtcNow.AddDays(-9))));

        using (var scope = _app.Services.CreateScope())
            await new RetentionJob(_app.Services.GetRequiredService<IConfiguration>(), TimeProvider.System).RunAsync(scope.ServiceProvider, default);

        Assert.Null(await _app.RequestWithAsync(old));
        Assert.Equal(0, await _app.InAAsync(db => db.RequestAnswers.CountAsync(a => a.RequestId == oldId)));
        var stillWaiting = (await _app.RequestWithAsync(recent))!;
        Assert.True(stillWaiting.AwaitingEmail);
        Assert.NotNull(stillWaiting.ReporterEmail);
    }

    [Fact]
    public async Task The_register_lists_the_processing_of_reports()
    {
        var admin = await _app.SignedInAsync("admin");
        var page = await admin.GetDocumentAsync("/confidentialite");
        Assert.Contains("Signalements et demandes", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
