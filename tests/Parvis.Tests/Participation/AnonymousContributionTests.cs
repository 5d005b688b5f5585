using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Participation;

/// <summary>Where a space allows it, people take part without an account: "Anonyme", with or without a confirmed e-mail.</summary>
[Collection(CivicAppCollection.Name)]
public class AnonymousContributionTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string LinkIn(MimeKit.MimeMessage message) => TestSmtpServer.LinkIn(message);

    [Fact]
    public async Task With_a_confirmed_e_mail_the_contribution_waits_for_the_link_then_shows_as_anonymous_and_the_address_stays_private()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.AnyoneWithConfirmedEmail);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = $"anonyme-{Guid.NewGuid():N}@example.org";
        var page = await visitor.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]",
            new Dictionary<string, string?> { ["Input.Body"] = "Un banc sous le tilleul.", ["Input.Email"] = email });
        Assert.Contains("un lien vous a été envoyé", page.QuerySelector(".notice")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".contribution"));
        var stored = await _app.InAAsync(db => db.Contributions.SingleAsync(c => c.ConsultationId == id));
        Assert.Equal(ModerationState.AwaitingEmail, stored.State);
        Assert.Null(stored.AuthorId);

        var message = await _app.Smtp.WaitForAsync(email);
        var link = new Uri(LinkIn(message));
        Assert.Equal(ParvisFactory.HostA, link.Host);
        // Opening the link publishes nothing by itself (mail scanners open links); the button does.
        await visitor.GetDocumentAsync(link.PathAndQuery);
        Assert.Equal(ModerationState.AwaitingEmail, await _app.InAAsync(db => db.Contributions.Where(c => c.Id == stored.Id).Select(c => c.State).SingleAsync()));
        var published = await visitor.SubmitAndReadAsync(link.PathAndQuery, "main form", new Dictionary<string, string?>());
        Assert.Contains("Par Anonyme", published.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain(email, published.Source.Text, StringComparison.Ordinal);
        Assert.Equal("noindex", published.QuerySelector("meta[name=robots]")!.GetAttribute("content"));

        // A moderator can act on it like on any other: hide it.
        var moderator = await _app.SignedInAsync("moderation");
        var item = await moderator.GetDocumentAsync($"/contributions/{stored.Id}");
        Assert.DoesNotContain(email, item.Source.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Indiquez votre adresse e-mail")]
    [InlineData("pas-une-adresse", "n'est pas valide")]
    public async Task Without_a_valid_e_mail_nothing_is_saved(string email, string expected)
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.AnyoneWithConfirmedEmail);
        var page = await _app.ClientFor(ParvisFactory.HostA).SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]",
            new Dictionary<string, string?> { ["Input.Body"] = "Idée", ["Input.Email"] = email });
        Assert.Contains(page.Errors(), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task A_forged_or_borrowed_confirmation_link_publishes_nothing()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.AnyoneWithConfirmedEmail);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = $"anonyme-{Guid.NewGuid():N}@example.org";
        await visitor.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Première", ["Input.Email"] = email });
        var link = new Uri(LinkIn(await _app.Smtp.WaitForAsync(email)));
        var first = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());
        var other = (await _app.AddContributionsAsync(id, 1, (c, _) => c.State = ModerationState.AwaitingEmail))[0];

        var token = link.Query;
        var borrowed = await visitor.SubmitAndReadAsync($"/contributions/{other}/confirmer{token}", "main form", new Dictionary<string, string?>());
        Assert.Contains(borrowed.Errors(), e => e.Contains("n'est pas valable", StringComparison.Ordinal));
        var forged = await visitor.SubmitAndReadAsync($"/contributions/{first}/confirmer?jeton=abc", "main form", new Dictionary<string, string?>());
        Assert.Contains(forged.Errors(), e => e.Contains("n'est pas valable", StringComparison.Ordinal));
        Assert.Equal(0, await _app.InAAsync(db => db.Contributions.CountAsync(c => c.ConsultationId == id && c.State == ModerationState.Published)));
    }

    [Fact]
    public async Task Where_anyone_may_contribute_without_e_mail_it_is_published_at_once_as_anonymous()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.Anyone);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var form = await visitor.GetDocumentAsync($"/concertations/{id}");
        Assert.Null(form.QuerySelector("input[name='Input.Email']"));
        var page = await visitor.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Sans e-mail" });
        Assert.Contains("Par Anonyme", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_link_followed_after_the_consultation_closed_publishes_nothing_and_nobody_sees_the_unconfirmed_item()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.AnyoneWithConfirmedEmail);
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = $"tardif-{Guid.NewGuid():N}@example.org";
        await visitor.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Trop tard", ["Input.Email"] = email });
        var link = new Uri(LinkIn(await _app.Smtp.WaitForAsync(email)));
        var contribution = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).SingleAsync());

        var moderator = await _app.SignedInAsync("moderation");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await moderator.GetAsync($"/contributions/{contribution}")).StatusCode);

        await _app.InAAsync(async db =>
        {
            var c = await db.Consultations.SingleAsync(x => x.Id == id);
            c.Close(null, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var refused = await visitor.SubmitAndReadAsync(link.PathAndQuery, "main form", new Dictionary<string, string?>());
        Assert.Contains(refused.Errors(), e => e.Contains("terminée", StringComparison.Ordinal));
        Assert.Equal(ModerationState.AwaitingEmail, await _app.InAAsync(db => db.Contributions.Where(c => c.Id == contribution).Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task A_contribution_never_confirmed_is_deleted_by_the_retention_job_once_its_link_has_expired()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.Contribute = ParticipationLevel.AnyoneWithConfirmedEmail);
        var ids = await _app.AddContributionsAsync(id, 2, (c, i) =>
        {
            c.State = ModerationState.AwaitingEmail;
            c.ContactEmail = "oubli@example.org";
            c.CreatedAt = DateTime.UtcNow.AddDays(i == 0 ? -9 : -2);
        });
        using (var scope = _app.Services.CreateScope())
            await new Parvis.Features.PersonalData.RetentionJob(_app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), TimeProvider.System)
                .RunAsync(scope.ServiceProvider, default);
        var left = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => c.Id).ToListAsync());
        Assert.Equal([ids[1]], left);
    }

    [Fact]
    public async Task A_minimum_age_closes_anonymous_participation()
    {
        var id = await _app.NewOpenConsultationAsync(c => { c.Rules.Contribute = ParticipationLevel.Anyone; c.Rules.ContributeMinimumAge = 16; });
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var page = await visitor.GetDocumentAsync($"/concertations/{id}");
        Assert.Empty(page.QuerySelectorAll("form[action*=Contribute]"));
        Assert.NotNull(page.QuerySelector(".needs a[href^='/compte/connexion']"));
    }
}
