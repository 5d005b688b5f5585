using System.Net;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Meetings;

/// <summary>Registering, the waiting list and its promotions, the cancellation link, the level the organizer asks.</summary>
[Collection(CivicAppCollection.Name)]
public class RegistrationTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_visitor_registers_gets_the_cancel_link_by_email_and_cancels_without_signing_in()
    {
        var id = await _app.NewMeetingAsync(capacity: 3);
        var address = MeetingData.NewAddress();
        var response = await _app.ClientFor(ParvisFactory.HostA).RegisterAsync(id, "Aline Garnier", address.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var registration = Assert.Single(await _app.RegistrationsAsync(id));
        Assert.Equal((RegistrationStatus.Confirmed, address), (registration.Status, registration.Email));
        Assert.Equal(1, (await _app.MeetingAsync(id)).ConfirmedCount);

        var mail = await _app.Smtp.WaitForAsync(address, m => m.Subject!.Contains("inscription", StringComparison.Ordinal));
        var link = TestSmtpServer.LinksIn(mail).Single(l => l.Contains("/inscription?jeton=", StringComparison.Ordinal));
        var stranger = _app.ClientFor(ParvisFactory.HostA);
        var page = await stranger.GetDocumentAsync(new Uri(link).PathAndQuery);
        Assert.Contains("Aline Garnier", page.Body!.TextContent, StringComparison.Ordinal);
        // Following the link changes nothing (mail scanners do); the button does.
        Assert.Equal(RegistrationStatus.Confirmed, (await _app.RegistrationsAsync(id)).Single().Status);
        var cancelled = await stranger.SubmitAsync(new Uri(link).PathAndQuery, "main form[method=post]", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(RegistrationStatus.Cancelled, (await _app.RegistrationsAsync(id)).Single().Status);
        Assert.Equal(0, (await _app.MeetingAsync(id)).ConfirmedCount);
        // The address is free again.
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.RegisterAsync(id, "Aline Garnier", address)).StatusCode);
    }

    [Fact]
    public async Task A_forged_or_missing_token_cancels_nothing()
    {
        var id = await _app.NewMeetingAsync(capacity: 3);
        await _app.ClientFor(ParvisFactory.HostA).RegisterAsync(id, "Bruno", MeetingData.NewAddress());
        var client = _app.ClientFor(ParvisFactory.HostA);
        var forged = System.Buffers.Text.Base64Url.EncodeToString(new byte[32]);
        foreach (var token in new[] { forged, "", "abc" })
        {
            var page = await client.GetDocumentAsync($"/reunions/{id}/inscription?jeton={token}");
            Assert.Null(page.QuerySelector("main form[method=post]"));
            Assert.Contains("Ce lien d'annulation n'est pas valable.", page.Body!.TextContent, StringComparison.Ordinal);
            // Posting anyway is refused with the same message.
            var direct = await PostAsync(client, $"/reunions/{id}/inscription", token);
            Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
            Assert.Contains("Ce lien d'annulation n'est pas valable.", await direct.TextAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(RegistrationStatus.Confirmed, (await _app.RegistrationsAsync(id)).Single().Status);
    }

    [Fact]
    public async Task A_full_meeting_takes_a_waiting_list_and_a_cancellation_promotes_the_first_waiting_with_an_email()
    {
        var id = await _app.NewMeetingAsync(capacity: 2);
        var people = Enumerable.Range(0, 4).Select(_ => MeetingData.NewAddress()).ToList();
        var client = _app.ClientFor(ParvisFactory.HostA);
        foreach (var (address, i) in people.Select((a, i) => (a, i))) await client.RegisterAsync(id, $"Personne {i}", address);
        var registrations = await _app.RegistrationsAsync(id);
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waiting, RegistrationStatus.Waiting],
            registrations.Select(r => r.Status));
        var waitingMail = await _app.Smtp.WaitForAsync(people[2]);
        Assert.Contains("liste d'attente", waitingMail.TextBody, StringComparison.Ordinal);

        var firstMail = await _app.Smtp.WaitForAsync(people[0]);
        var link = new Uri(TestSmtpServer.LinksIn(firstMail).Single(l => l.Contains("jeton=", StringComparison.Ordinal))).PathAndQuery;
        await client.SubmitAsync(link, "main form[method=post]", new Dictionary<string, string?>());

        registrations = await _app.RegistrationsAsync(id);
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waiting],
            registrations.Select(r => r.Status));
        Assert.Equal(2, (await _app.MeetingAsync(id)).ConfirmedCount);
        var promoted = await _app.Smtp.WaitForAsync(people[2], m => m.Subject!.Contains("une place s'est libérée", StringComparison.Ordinal));
        Assert.EndsWith($"/reunions/{id}", TestSmtpServer.LinksIn(promoted).First(), StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Smtp.Messages, m => m.To.ToString().Contains(people[3], StringComparison.Ordinal) && m.Subject!.Contains("libérée", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Twenty_simultaneous_registrations_never_exceed_the_capacity()
    {
        const int capacity = 5;
        var id = await _app.NewMeetingAsync(capacity: capacity);
        // Each visitor reads the page (and its form token) first, then all post at once.
        var visitors = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var client = _app.ClientFor(ParvisFactory.HostA);
            return (Client: client, Page: await client.GetDocumentAsync($"/reunions/{id}"), Address: MeetingData.NewAddress());
        }));
        // On PostgreSQL the meeting's row is held locked meanwhile, so that all twenty reach the seat's update and wait
        // there together: the race is certain, not left to the scheduler. (SQLite runs one writer at a time.)
        await using var holder = await HoldMeetingRowAsync(id);
        var posting = Task.WhenAll(visitors.Select(v => v.Client.SubmitAsync(v.Page, $"/reunions/{id}", "form[action*=Register]",
            new Dictionary<string, string?> { ["Input.Name"] = "Visiteur", ["Input.Email"] = v.Address })));
        if (holder is not null)
        {
            await Eventually.UntilAsync(async () => posting.IsCompleted || await WaitingOnLocksAsync(holder) >= 20, TimeSpan.FromSeconds(60),
                "The twenty registrations never waited together on the meeting's row.");
            Assert.False(posting.IsCompleted, "A registration went through while the meeting's row was locked.");
            await holder.ReleaseAsync();
        }
        var responses = await posting;
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var registrations = await _app.RegistrationsAsync(id);
        Assert.Equal(20, registrations.Count);
        Assert.Equal(capacity, registrations.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(20 - capacity, registrations.Count(r => r.Status == RegistrationStatus.Waiting));
        Assert.Equal(capacity, (await _app.MeetingAsync(id)).ConfirmedCount);
    }

    /// <summary>A transaction of the test's own holding the meeting's row (PostgreSQL only; null on SQLite).</summary>
    private async Task<RowHolder?> HoldMeetingRowAsync(int meetingId)
    {
        if (!TestDatabase.UsePostgres) return null;
        var connection = new Npgsql.NpgsqlConnection(_app.Database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT 1 FROM \"Meetings\" WHERE \"Id\" = @id FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("id", meetingId);
        await command.ExecuteScalarAsync();
        var observer = new Npgsql.NpgsqlConnection(_app.Database.ConnectionString);
        await observer.OpenAsync();
        return new RowHolder(connection, transaction, observer);
    }

    /// <summary>
    /// The sessions of the test's database waiting on a lock, read outside any transaction (the statistics are a
    /// snapshot per transaction: read inside the holder's, they would never change).
    /// </summary>
    private static async Task<long> WaitingOnLocksAsync(RowHolder holder)
    {
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", holder.Observer);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class RowHolder(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, Npgsql.NpgsqlConnection observer)
        : IAsyncDisposable
    {
        public Npgsql.NpgsqlConnection Observer => observer;
        public Task ReleaseAsync() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            await observer.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_same_address_cannot_register_twice()
    {
        var id = await _app.NewMeetingAsync(capacity: 5);
        var address = MeetingData.NewAddress();
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.RegisterAsync(id, "Chloé", address);
        var again = await client.RegisterAsync(id, "Chloé", address);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Cette adresse est déjà inscrite à la rencontre.", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Single(await _app.RegistrationsAsync(id));
        Assert.Equal(1, (await _app.MeetingAsync(id)).ConfirmedCount);
    }

    [Fact]
    public async Task The_level_the_organizer_sets_is_asked_before_registering()
    {
        var id = await _app.NewMeetingAsync(capacity: 5, m => m.RegistrationLevel = ParticipationLevel.ConfirmedAccount);
        var anonymous = _app.ClientFor(ParvisFactory.HostA);
        var page = await anonymous.GetDocumentAsync($"/reunions/{id}");
        Assert.Null(page.QuerySelector("form[action*=Register]"));
        Assert.NotNull(page.QuerySelector("main a[href^='/compte/connexion']"));
        var token = (await anonymous.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forced = await anonymous.PostAsync($"/reunions/{id}?handler=Register", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Input.Name", "Intrus"), new("Input.Email", MeetingData.NewAddress())]));
        Assert.Contains("Connectez-vous", await forced.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await _app.RegistrationsAsync(id));

        var (citizen, email) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await citizen.SubmitAsync($"/reunions/{id}", "form[action*=Register]", new Dictionary<string, string?>())).StatusCode);
        var registration = Assert.Single(await _app.RegistrationsAsync(id));
        Assert.Equal(("Camille Dupont", email), (registration.Name, registration.Email));
        // Their own page shows it and lets them cancel.
        var mine = await citizen.GetDocumentAsync($"/reunions/{id}");
        Assert.Contains("Votre inscription : Inscrit.", mine.Body!.TextContent, StringComparison.Ordinal);
        await citizen.SubmitAsync($"/reunions/{id}", "form[action*=Cancel]", new Dictionary<string, string?>());
        Assert.Equal(RegistrationStatus.Cancelled, (await _app.RegistrationsAsync(id)).Single().Status);
    }

    [Fact]
    public async Task The_online_link_shows_only_to_registered_people_from_an_hour_before()
    {
        var link = "https://visio.example.org/salle-" + Guid.NewGuid().ToString("N")[..6];
        var soon = await _app.NewMeetingAsync(capacity: 5, m => { m.Format = MeetingFormat.Online; m.Address = null; m.OnlineUrl = link; m.StartsAt = DateTime.UtcNow.AddMinutes(30); m.EndsAt = m.StartsAt.AddHours(1); });
        var later = await _app.NewMeetingAsync(capacity: 5, m => { m.Format = MeetingFormat.Online; m.Address = null; m.OnlineUrl = link; });
        var (citizen, _) = await _app.CitizenClientAsync();
        foreach (var id in new[] { soon, later })
        {
            Assert.DoesNotContain(link, await citizen.GetStringAsync($"/reunions/{id}"), StringComparison.Ordinal);
            await citizen.SubmitAsync($"/reunions/{id}", "form[action*=Register]", new Dictionary<string, string?>());
        }
        Assert.Contains(link, await citizen.GetStringAsync($"/reunions/{soon}"), StringComparison.Ordinal);
        Assert.DoesNotContain(link, await citizen.GetStringAsync($"/reunions/{later}"), StringComparison.Ordinal);
        Assert.DoesNotContain(link, await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/reunions/{soon}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_without_registration_still_says_where_and_when()
    {
        var id = await _app.NewMeetingAsync(capacity: null, m => m.Title = "Permanence du maire");
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/reunions/{id}");
        var text = page.Body!.TextContent;
        Assert.Contains("Salle des fêtes, 1 place de la Mairie", text, StringComparison.Ordinal);
        Assert.Contains("Entrée libre, sans inscription.", text, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*=Register]"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token)
    {
        var form = (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", form), new("jeton", token)]));
    }
}
