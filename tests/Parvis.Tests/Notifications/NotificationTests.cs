using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Parvis.Domain;
using Parvis.Features.Notifications;
using Parvis.Infrastructure.Cluster;
using Parvis.Testing;

namespace Parvis.Tests.Notifications;

/// <summary>Following an item, the notices its followers get in the site and by e-mail, and the one-click unsubscribe.</summary>
[Collection(InitiativesAppCollection.Name)]
public class NotificationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string Text(AngleSharp.Html.Dom.IHtmlDocument page) => page.Body!.TextContent;

    private async Task RunMailJobAsync(TimeProvider? clock = null)
    {
        using var scope = _app.Services.CreateScope();
        var job = new NotificationMailJob(_app.Services.GetRequiredService<IConfiguration>(), clock ?? TimeProvider.System);
        await job.RunAsync(scope.ServiceProvider, default);
    }

    private async Task<Guid> UserIdAsync(string email) => await _app.InAAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task A_follower_of_a_petition_sees_its_official_response_in_the_site_and_gets_an_e_mail_with_a_one_click_unsubscribe()
    {
        var id = await _app.NewOpenPetitionAsync(responseThreshold: 1000, agendaThreshold: null);
        var (citizen, email) = await _app.CitizenClientAsync();
        var followed = await citizen.SubmitAsync($"/petitions/{id}", "form[action^='/compte/abonnements']", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Contains("Vous suivez cet élément.", Text(await citizen.GetDocumentAsync($"/petitions/{id}")));

        var agent = await _app.SignedInAsync("agent");
        await agent.SubmitAsync($"/petitions/{id}", "form[action*=DraftResponse]", new Dictionary<string, string?> { ["body"] = "Nous y répondons." });
        var elected = await _app.SignedInAsync("elu");
        await elected.SubmitAsync("/reponses", $"li:has(a[href='/petitions/{id}']) form", new Dictionary<string, string?>());

        var page = await citizen.GetDocumentAsync("/compte/notifications");
        Assert.Contains("La collectivité a publié une réponse officielle", page.QuerySelector("li.unread")!.TextContent);
        Assert.Contains("Notifications (1", page.QuerySelector("header")!.TextContent);

        await RunMailJobAsync();
        var mail = await _app.Smtp.WaitForAsync(email, m => (m.Subject ?? "").Contains("Réponse officielle", StringComparison.Ordinal));
        Assert.Contains($"/petitions/{id}", mail.TextBody);
        Assert.Contains("/compte/notifications/preferences", mail.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = new Uri(mail.Headers["List-Unsubscribe"]!.Trim('<', '>'));

        // The mail client's POST: no session, no form token, the RFC 8058 body.
        var anonymous = _app.ClientFor(ParvisFactory.HostA);
        var done = await anonymous.PostAsync(unsubscribe.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var me = await UserIdAsync(email);
        Assert.Equal(NotificationDelivery.None, await _app.InAAsync(db => db.NotificationPreferences
            .Where(p => p.UserId == me && p.Kind == NotificationKind.OfficialResponse).Select(p => p.Delivery).SingleAsync()));

        // Marked read one by one: the counter goes.
        await citizen.SubmitAsync("/compte/notifications", "li.unread form", new Dictionary<string, string?>());
        Assert.DoesNotContain("Notifications (", (await citizen.GetDocumentAsync("/compte/notifications")).QuerySelector("header")!.TextContent);
    }

    [Fact]
    public async Task A_forged_or_other_organizations_unsubscribe_token_changes_nothing()
    {
        var email = await _app.NewCitizenAsync();
        var me = await UserIdAsync(email);
        var url = await _app.InOrganizationAsync(_app.OrganizationA, (_, services) => Task.FromResult(services
            .GetRequiredService<NotificationMail>().UnsubscribeUrl(_app.OrganizationA.Id, me, [NotificationKind.NewComment])));
        var path = new Uri(url).PathAndQuery;
        var onB = await _app.ClientFor(ParvisFactory.HostB).PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.BadRequest, onB.StatusCode);
        var forged = await _app.ClientFor(ParvisFactory.HostA).PostAsync(path + "x", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(await _app.InAAsync(db => db.NotificationPreferences.AnyAsync(p => p.UserId == me)));
        var real = await _app.ClientFor(ParvisFactory.HostA).PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.True(await _app.InAAsync(db => db.NotificationPreferences.AnyAsync(p => p.UserId == me && p.Kind == NotificationKind.NewComment)));
    }

    [Fact]
    public async Task Follows_and_notifications_stay_in_their_organization()
    {
        var inB = await _app.NewOpenPetitionAsync(organization: _app.OrganizationB);
        var (citizen, email) = await _app.CitizenClientAsync();
        var page = await citizen.GetDocumentAsync($"/petitions/{await _app.NewOpenPetitionAsync()}");
        // The form of A posted with B's petition: B's item does not exist from A.
        var response = await citizen.SubmitAsync(page, "/compte/abonnements", "form[action^='/compte/abonnements']",
            new Dictionary<string, string?> { ["id"] = inB.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var me = await UserIdAsync(email);
        await _app.InAAsync(async db =>
        {
            db.Notifications.Add(new Notification { UserId = me, Kind = NotificationKind.NewComment, SubjectKind = FollowSubjectKind.Petition, SubjectId = 1, Title = "Visible en A", Path = "/petitions/1", CreatedAt = DateTime.UtcNow });
            db.Follows.Add(new Follow { UserId = me, SubjectKind = FollowSubjectKind.Petition, SubjectId = 1, CreatedAt = DateTime.UtcNow });
            db.NotificationPreferences.Add(new NotificationPreference { UserId = me, Kind = NotificationKind.NewComment, Delivery = NotificationDelivery.Weekly });
            db.NotificationSettings.Add(new NotificationSettings { UserId = me });
            return await db.SaveChangesAsync();
        });
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            Assert.False(await db.Notifications.AnyAsync(n => n.UserId == me));
            Assert.False(await db.Follows.AnyAsync(n => n.UserId == me));
            Assert.False(await db.NotificationPreferences.AnyAsync(n => n.UserId == me));
            Assert.False(await db.NotificationSettings.AnyAsync(n => n.UserId == me));
            return 0;
        });
    }

    [Fact]
    public async Task Deleting_an_account_removes_its_follows_notices_and_settings()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var me = await UserIdAsync(email);
        var petition = await _app.NewOpenPetitionAsync();
        await citizen.SubmitAsync($"/petitions/{petition}", "form[action^='/compte/abonnements']", new Dictionary<string, string?>());
        await citizen.SubmitAsync("/compte/notifications/preferences", "main form", new Dictionary<string, string?> { ["Choices[NewComment]"] = "Weekly" });
        await _app.InAAsync(async db =>
        {
            db.Notifications.Add(new Notification { UserId = me, Kind = NotificationKind.NewComment, SubjectKind = FollowSubjectKind.Petition, SubjectId = petition, Title = "Avant", Path = $"/petitions/{petition}", CreatedAt = DateTime.UtcNow, Delivery = NotificationDelivery.Weekly, MailAfter = DateTime.UtcNow.AddDays(3) });
            return await db.SaveChangesAsync();
        });
        Assert.True(await _app.InAAsync(db => db.Follows.AnyAsync(f => f.UserId == me)));
        Assert.True(await _app.InAAsync(db => db.NotificationSettings.AnyAsync(s => s.UserId == me)));
        // The person's download holds the follow and the notice.
        Assert.Contains("Avant", await citizen.GetStringAsync("/compte/donnees/export.json"), StringComparison.Ordinal);
        var html = await citizen.GetStringAsync("/compte/donnees/export.html");
        Assert.Contains("Abonnements (1)", html, StringComparison.Ordinal);
        Assert.Contains("Notifications (1)", html, StringComparison.Ordinal);

        var deleted = await citizen.SubmitAsync("/compte/supprimer", "main form",
            new Dictionary<string, string?> { ["Choice"] = "keep", ["Password"] = ParvisFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await _app.InAAsync(db => db.Follows.AnyAsync(f => f.UserId == me)));
        Assert.False(await _app.InAAsync(db => db.Notifications.AnyAsync(n => n.UserId == me)));
        Assert.False(await _app.InAAsync(db => db.NotificationPreferences.AnyAsync(p => p.UserId == me)));
        Assert.False(await _app.InAAsync(db => db.NotificationSettings.AnyAsync(s => s.UserId == me)));
    }

    [Fact]
    public async Task A_person_marks_only_their_own_notices_read()
    {
        var (citizen, _) = await _app.CitizenClientAsync();
        var other = await UserIdAsync(await _app.NewCitizenAsync());
        var theirs = await _app.InAAsync(async db =>
        {
            var notice = new Notification { UserId = other, Kind = NotificationKind.NewComment, SubjectKind = FollowSubjectKind.Petition, SubjectId = 1, Title = "À l'autre", Path = "/petitions/1", CreatedAt = DateTime.UtcNow };
            db.Notifications.Add(notice);
            await db.SaveChangesAsync();
            return notice.Id;
        });
        var page = await citizen.GetDocumentAsync("/compte/notifications");
        Assert.DoesNotContain("À l'autre", Text(page), StringComparison.Ordinal);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await citizen.PostAsync("/compte/notifications?handler=Read", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["id"] = theirs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        await citizen.PostAsync("/compte/notifications?handler=ReadAll", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Null(await _app.InAAsync(db => db.Notifications.Where(n => n.Id == theirs).Select(n => n.ReadAt).SingleAsync()));
    }

    [Fact]
    public async Task An_item_the_public_cannot_see_cannot_be_followed()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var me = await UserIdAsync(email);
        var draft = await _app.NewDraftAsync();
        var page = await citizen.GetDocumentAsync($"/petitions/{await _app.NewOpenPetitionAsync()}");
        // The follow form of an open petition, posted with a draft's id.
        var response = await citizen.SubmitAsync(page, "/compte/abonnements", "form[action^='/compte/abonnements']",
            new Dictionary<string, string?> { ["id"] = draft.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await _app.InAAsync(db => db.Follows.AnyAsync(f => f.UserId == me)));
    }

    [Fact]
    public async Task An_event_tells_the_followers_of_its_own_organization_only()
    {
        var petition = await _app.NewOpenPetitionAsync();
        var inA = await UserIdAsync(await _app.NewCitizenAsync());
        var inB = Guid.NewGuid();
        await _app.InAAsync(async db =>
        {
            db.Follows.Add(new Follow { UserId = inA, SubjectKind = FollowSubjectKind.Petition, SubjectId = petition, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        // A row of B naming A's item (the follow button never writes one: the item does not exist from B).
        await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            db.Follows.Add(new Follow { UserId = inB, SubjectKind = FollowSubjectKind.Petition, SubjectId = petition, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var told = await _app.InOrganizationAsync(_app.OrganizationA, (_, services) =>
            services.GetRequiredService<Notifier>().RecordAsync(NotificationKind.PetitionThreshold, FollowSubjectKind.Petition, petition));
        Assert.Equal(1, told);
        Assert.True(await _app.InAAsync(db => db.Notifications.AnyAsync(n => n.UserId == inA && n.SubjectId == petition)));
        Assert.False(await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => db.Notifications.AnyAsync(n => n.UserId == inB)));
    }

    [Fact]
    public async Task Followers_hear_of_a_pre_moderated_contribution_or_comment_when_a_moderator_publishes_it()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.Rules.PreModeration = true);
        var published = (await _app.AddContributionsAsync(id, 1))[0];
        var follower = await UserIdAsync(await _app.NewCitizenAsync());
        await _app.InAAsync(async db =>
        {
            db.Follows.Add(new Follow { UserId = follower, SubjectKind = FollowSubjectKind.Consultation, SubjectId = id, CreatedAt = DateTime.UtcNow });
            db.Follows.Add(new Follow { UserId = follower, SubjectKind = FollowSubjectKind.Contribution, SubjectId = published, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var (author, _) = await _app.CitizenClientAsync();
        await author.SubmitAsync($"/concertations/{id}", "form[action*=Contribute]", new Dictionary<string, string?> { ["Input.Body"] = "Idée à relire" });
        await author.SubmitAsync($"/contributions/{published}", "form[action*='handler=Comment']:not(:has(input[name=parentId]))",
            new Dictionary<string, string?> { ["body"] = "Commentaire à relire" });
        var pending = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id && c.Id != published).Select(c => c.Id).SingleAsync());
        var comment = await _app.InAAsync(db => db.Comments.Where(c => c.ContributionId == published).Select(c => c.Id).SingleAsync());
        Task<List<NotificationKind>> NoticesAsync() => _app.InAAsync(db => db.Notifications.Where(n => n.UserId == follower).Select(n => n.Kind).ToListAsync());
        Assert.Empty(await NoticesAsync());

        var moderator = await _app.SignedInAsync("moderation");
        await moderator.SubmitAsync("/moderation", $"form:has(input[name=id][value='{pending}'])",
            new Dictionary<string, string?> { ["reason"] = "Conforme" }, "/moderation?handler=Restore");
        await moderator.SubmitAsync("/moderation", $"form:has(input[name=commentId][value='{comment}'])",
            new Dictionary<string, string?> { ["reason"] = "Conforme" }, "/moderation?handler=RestoreComment");
        Assert.Equal([NotificationKind.NewComment, NotificationKind.NewContribution], (await NoticesAsync()).Order());
    }

    [Fact]
    public async Task The_header_counts_unread_notices_up_to_99_then_says_99_plus()
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var me = await UserIdAsync(email);
        async Task AddAsync(int count) => await _app.InAAsync(async db =>
        {
            for (var i = 0; i < count; i++)
                db.Notifications.Add(new Notification { UserId = me, Kind = NotificationKind.NewComment, SubjectKind = FollowSubjectKind.Petition, SubjectId = 1, Title = "Avis", Path = "/petitions/1", CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        async Task<string> HeaderAsync() => (await citizen.GetDocumentAsync("/")).QuerySelector(".notification-count")!.TextContent;
        await AddAsync(99);
        Assert.StartsWith("(99 ", await HeaderAsync(), StringComparison.Ordinal);
        await AddAsync(2);
        Assert.StartsWith("(99+ ", await HeaderAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/compte/notifications")]
    [InlineData("/compte/notifications/preferences")]
    [InlineData("/compte/abonnements")]
    public async Task The_personal_pages_ask_a_visitor_to_sign_in(string path)
    {
        var response = await _app.ClientFor(ParvisFactory.HostA).GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compte/connexion", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preferences_are_saved_and_a_kind_out_of_the_list_is_refused()
    {
        var (citizen, _) = await _app.CitizenClientAsync();
        var saved = await citizen.SubmitAsync("/compte/notifications/preferences", "main form", new Dictionary<string, string?>
        {
            ["Choices[NewComment]"] = "Immediate",
            ["AutoFollow"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await citizen.GetDocumentAsync("/compte/notifications/preferences");
        Assert.True(page.QuerySelector("#choice-NewComment-Immediate")!.HasAttribute("checked"));
        Assert.False(page.QuerySelector("#AutoFollow")!.HasAttribute("checked"));
        var bad = await citizen.SubmitAsync("/compte/notifications/preferences", "main form", new Dictionary<string, string?> { ["Choices[NewComment]"] = "Hourly" });
        Assert.True(bad.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Redirect, bad.StatusCode.ToString());
        Assert.True((await citizen.GetDocumentAsync("/compte/notifications/preferences")).QuerySelector("#choice-NewComment-Immediate")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task A_notice_to_an_unconfirmed_address_stays_in_the_site_and_sends_no_e_mail()
    {
        var email = await _app.NewCitizenAsync();
        var me = await UserIdAsync(email);
        var due = DateTime.UtcNow.AddMinutes(-1);
        await _app.InAAsync(async db =>
        {
            await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, false));
            db.Notifications.Add(new Notification { UserId = me, Kind = NotificationKind.NewComment, SubjectKind = FollowSubjectKind.Petition, SubjectId = 1, Title = "Non confirmée", Path = "/petitions/1", CreatedAt = due, Delivery = NotificationDelivery.Immediate, MailAfter = due });
            return await db.SaveChangesAsync();
        });
        await RunMailJobAsync();
        Assert.Equal(0, await _app.InAAsync(db => db.Notifications.CountAsync(n => n.UserId == me && n.MailedAt == null)));
        Assert.Equal(0, await _app.InAAsync(db => db.Outbox.CountAsync(m => m.To == email)));
    }

    [Fact]
    public async Task A_daily_digest_goes_once_when_two_nodes_run_the_job_in_the_same_period()
    {
        var email = await _app.NewCitizenAsync();
        var me = await UserIdAsync(email);
        var due = DateTime.UtcNow.AddMinutes(-1);
        await _app.InAAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
                db.Notifications.Add(new Notification { UserId = me, Kind = NotificationKind.NewComment, SubjectKind = FollowSubjectKind.Petition, SubjectId = i, Title = $"Objet {i}", Path = $"/petitions/{i}", CreatedAt = due, Delivery = NotificationDelivery.Daily, MailAfter = due });
            return await db.SaveChangesAsync();
        });
        var job = new NotificationMailJob(_app.Services.GetRequiredService<IConfiguration>(), TimeProvider.System);
        JobScheduler Node(string name) => new(_app.Services.GetRequiredService<IServiceScopeFactory>(), [job],
            Options.Create(new ClusterOptions { NodeName = name }), TimeProvider.System, NullLogger<JobScheduler>.Instance,
            _app.Services.GetRequiredService<Parvis.Infrastructure.Operations.ParvisMetrics>());
        var ran = await Task.WhenAll(Node("a").RunIfDueAsync(job, default), Node("b").RunIfDueAsync(job, default));
        // Whichever ran (or the app's own scheduler before them), and a run of the job outside any claim: one digest.
        await RunMailJobAsync();
        var digest = await _app.Smtp.WaitForAsync(email);
        Assert.Contains("3 nouvelles notifications", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("Objet 2", digest.TextBody, StringComparison.Ordinal);
        Assert.True(ran.Count(r => r) <= 1);
        Assert.Equal(1, await _app.InAAsync(db => db.Outbox.CountAsync(m => m.To == email)));
        Assert.Equal(0, await _app.InAAsync(db => db.Notifications.CountAsync(n => n.UserId == me && n.MailedAt == null)));
    }
}
