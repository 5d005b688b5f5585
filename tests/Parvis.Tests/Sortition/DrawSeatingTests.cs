using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;
using Parvis.Tests.Councils;

namespace Parvis.Tests.Sortition;

/// <summary>A drawn panel becomes members of a council: their mandates say "by drawing lots", nobody sits twice.</summary>
[Collection(CivicAppCollection.Name)]
public class DrawSeatingTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task The_drawn_people_are_seated_in_the_college_chosen_and_named_on_the_councils_page()
    {
        var (council, college) = await _app.NewCouncilAsync(seats: 10);
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        await admin.PostAsync(draw, "Commit");
        await admin.PostAsync(draw, "Run");

        var page = await admin.PostAsync(draw, "Seat", new() { ["collegeId"] = college.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal("Les personnes tirées siègent désormais au conseil : son historique public les nomme.",
            page.QuerySelector(".notice")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("form[action*='handler=Seat']"));
        var drawn = await _app.InAAsync(db => db.DrawPeople.Where(p => p.DrawId == draw && p.SelectedInRound != null)
            .Select(p => p.Name).ToListAsync());
        var mandates = await _app.InAAsync(db => db.CouncilMandates.Where(m => m.CouncilId == council).ToListAsync());
        Assert.Equal(drawn.Order(StringComparer.Ordinal), mandates.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.All(mandates, m => Assert.Equal(MandateSource.Draw, m.Source));
        Assert.All(mandates, m => Assert.Equal(college, m.CollegeId));
        Assert.Equal(council, await _app.InAAsync(db => db.Draws.Where(d => d.Id == draw).Select(d => d.CouncilId).SingleAsync()));

        Assert.True(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "draw.seat"
            && a.TargetId == draw.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var councilPage = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/conseils/{council}");
        Assert.All(drawn, name => Assert.Contains(name, councilPage, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seating_twice_or_in_another_councils_college_is_refused_in_french_and_changes_nothing()
    {
        var (council, college) = await _app.NewCouncilAsync(seats: 10);
        var (_, otherCollege) = await _app.NewCouncilAsync(seats: 10);
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        await admin.PostAsync(draw, "Commit");
        await admin.PostAsync(draw, "Run");
        var seatForm = (await admin.GetDocumentAsync($"/admin/tirages/{draw}")).QuerySelector("form[action*='handler=Seat']")!;
        await admin.PostAsync(draw, "Seat", new() { ["collegeId"] = college.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        // The form is gone once everyone sits; a replayed post gets the rule, not a second mandate.
        var token = DrawData.Token(await admin.GetDocumentAsync($"/admin/tirages/{draw}"));
        var again = await admin.PostAsync(seatForm.GetAttribute("action")!, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["collegeId"] = otherCollege.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var text = await again.Content.ReadAsStringAsync();
        Assert.Contains("Les personnes de ce tirage siègent déjà dans un autre conseil.", text, StringComparison.Ordinal);
        Assert.Equal(5, await _app.InAAsync(db => db.CouncilMandates.CountAsync(m => m.CouncilId == council)));
        Assert.Equal(0, await _app.InAAsync(db => db.CouncilMandates.CountAsync(m => m.CollegeId == otherCollege)));
    }

    [Fact]
    public async Task A_college_of_another_organization_is_not_offered_and_cannot_be_chosen()
    {
        var collegeOfB = await _app.InOrganizationAsync(_app.OrganizationB, async (db, _) =>
        {
            var territory = await db.Territories.Select(t => t.Id).FirstAsync();
            var council = new Council { Name = "" };
            council.Describe("Conseil de B", CouncilKind.Youth, territory, "", ParticipationLevel.Anyone, false,
                ParticipationLevel.Anyone, DateTime.UtcNow);
            db.Councils.Add(council);
            await db.SaveChangesAsync();
            var college = new CouncilCollege { CouncilId = council.Id, Name = "Habitants", Seats = 10 };
            db.CouncilColleges.Add(college);
            await db.SaveChangesAsync();
            return college.Id;
        });
        var admin = await _app.SignedInAsync("admin");
        var draw = await admin.PreparedAsync();
        await admin.PostAsync(draw, "Commit");
        var page = await admin.PostAsync(draw, "Run");
        Assert.DoesNotContain("Conseil de B", page.QuerySelector("form[action*='handler=Seat']")!.TextContent, StringComparison.Ordinal);
        var refused = await admin.PostAsync(draw, "Seat", new() { ["collegeId"] = collegeOfB.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("Choisissez un collège d'un conseil de cette collectivité.", refused.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.InAAsync(db => db.DrawPeople.CountAsync(p => p.DrawId == draw && p.SeatedAt != null)));
    }
}
