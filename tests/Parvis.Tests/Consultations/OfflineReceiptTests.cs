using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Consultations;

/// <summary>A register is dated when an observation was received, not when an agent typed it in.</summary>
[Collection(AppCollection.Name)]
public class OfflineReceiptTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private const string Place = "Mairie annexe, registre d'enquête";

    // Three days ago at 14:30 in Paris: after the contributions opened (ten days ago), before now.
    private static DateTime ReceivedLocal => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Paris).Date.AddDays(-3).AddHours(14).AddMinutes(30);

    private static string Field(DateTime local) => local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> Entry(string body, string? receivedAt, string? place) => new()
    {
        ["Offline.Channel"] = "PaperRegister",
        ["Offline.AuthorName"] = "Mme Roux",
        ["Offline.Body"] = body,
        ["Offline.ReceivedAt"] = receivedAt,
        ["Offline.ReceivedPlace"] = place,
    };

    [Fact]
    public async Task An_agent_entry_keeps_the_date_and_place_of_receipt_and_shows_them()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Offline]",
            Entry("Observation écrite au registre.", Field(ReceivedLocal), Place));
        var meta = page.QuerySelector("main")!.TextContent;
        var shown = ReceivedLocal.ToString("d MMMM yyyy à HH:mm", CultureInfo.GetCultureInfo("fr-FR"));
        Assert.Contains($"reçue le {shown}", meta, StringComparison.Ordinal);
        Assert.Contains($"lieu de réception : {Place}", meta, StringComparison.Ordinal);
        var stored = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => new { c.ReceivedAt, c.ReceivedPlace }).SingleAsync());
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(ReceivedLocal, Paris), stored.ReceivedAt);
        Assert.Equal(Place, stored.ReceivedPlace);
    }

    [Fact]
    public async Task Without_a_date_the_receipt_is_the_time_of_entry()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var agent = await _app.SignedInAsync("agent");
        await agent.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Offline]", Entry("Appel au standard.", null, null));
        var stored = await _app.InAAsync(db => db.Contributions.Where(c => c.ConsultationId == id).Select(c => new { c.ReceivedAt, c.CreatedAt, c.ReceivedPlace }).SingleAsync());
        Assert.Equal(stored.CreatedAt, stored.ReceivedAt);
        Assert.Null(stored.ReceivedPlace);
    }

    [Theory]
    [InlineData(2, null, "La date de réception ne peut pas être dans le futur.")]
    [InlineData(-20, null, "La date de réception ne peut pas précéder l'ouverture des contributions")]
    [InlineData(null, "hier", "La date de réception n'est pas une date valide.")]
    public async Task A_receipt_date_outside_the_register_is_refused_in_French_and_nothing_saved(int? days, string? typed, string expected)
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var agent = await _app.SignedInAsync("agent");
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Paris);
        var field = days is { } d ? Field(now.AddDays(d)) : typed;
        var page = await agent.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Offline]", Entry("Observation mal datée.", field, Place));
        Assert.Contains(page.Errors(), e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task A_place_of_receipt_too_long_is_refused_and_nothing_saved()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var agent = await _app.SignedInAsync("agent");
        var page = await agent.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Offline]", Entry("Observation.", null, new string('x', 201)));
        Assert.Contains("Le lieu de réception dépasse 200 caractères.", page.Errors());
        Assert.Equal(0, await _app.CountContributionsAsync(id));
    }

    [Fact]
    public async Task The_export_carries_the_date_and_place_of_receipt()
    {
        var id = await _app.NewOpenConsultationAsync(c => c.ServiceName = "Service urbanisme");
        var agent = await _app.SignedInAsync("agent");
        await agent.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Offline]", Entry("Observation exportée.", Field(ReceivedLocal), Place));
        var utc = TimeZoneInfo.ConvertTimeToUtc(ReceivedLocal, Paris);
        var admin = await _app.SignedInAsync("admin");

        using var json = JsonDocument.Parse(await admin.GetStringAsync($"/admin/concertations/{id}/export.json"));
        var row = json.RootElement.GetProperty("contributions").EnumerateArray().Single();
        Assert.Equal(utc, row.GetProperty("receivedAt").GetDateTime().ToUniversalTime(), TimeSpan.Zero);
        Assert.Equal(Place, row.GetProperty("receivedPlace").GetString());

        var csv = System.Text.Encoding.UTF8.GetString((await admin.GetByteArrayAsync($"/admin/concertations/{id}/export.csv"))[3..]);
        Assert.Contains("recue_le;lieu_reception", csv.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains(utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), csv, StringComparison.Ordinal);
        Assert.Contains(Place, csv, StringComparison.Ordinal);
    }
}
