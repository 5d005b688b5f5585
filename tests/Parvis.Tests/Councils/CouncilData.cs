using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Councils;

/// <summary>Councils arranged straight in the database of organization A, each test with its own so tests never share one.</summary>
public static class CouncilData
{
    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static Task<int> DemoCouncilAsync(this ParvisFactory app) =>
        app.InAAsync(db => db.Councils.Where(c => c.Name == Parvis.Features.Demo.DemoSeeder.DemoCouncil).Select(c => c.Id).SingleAsync());

    /// <summary>A new council of the Quartier de la Gare with a college "Habitants" of the given seats; its animator when an e-mail is given.</summary>
    public static async Task<(int Council, int College)> NewCouncilAsync(this ParvisFactory app, string? animatorEmail = null, int seats = 5,
        bool acceptsCandidacies = true, ParticipationLevel candidacyLevel = ParticipationLevel.VerifiedResident)
    {
        var territory = await app.TerritoryIdAsync("Quartier de la Gare");
        Guid? animator = animatorEmail is null ? null : await app.UserIdAsync(animatorEmail);
        return await app.InAAsync(async db =>
        {
            var council = new Council { Name = "" };
            council.Describe("Conseil " + Guid.NewGuid().ToString("N")[..8], CouncilKind.Youth, territory, "Un conseil de test.",
                candidacyLevel, acceptsCandidacies, ParticipationLevel.ConfirmedAccount, DateTime.UtcNow);
            db.Councils.Add(council);
            await db.SaveChangesAsync();
            var college = new CouncilCollege { CouncilId = council.Id, Name = "Habitants", Seats = seats };
            db.CouncilColleges.Add(college);
            if (animator is { } a) db.CouncilAnimators.Add(new CouncilAnimator { CouncilId = council.Id, UserId = a, GrantedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return (council.Id, college.Id);
        });
    }

    /// <summary>An adopted opinion of the council, published 40 days ago (past the demo's 30-day deadline), unanswered.</summary>
    public static Task<int> NewOpinionAsync(this ParvisFactory app, int council, string title) => app.InAAsync(async db =>
    {
        var opinion = new CouncilOpinion
        {
            CouncilId = council,
            Title = title,
            TextMarkdown = "Le conseil demande **des bancs**.",
            AdoptedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-41)),
            VotesFor = 5,
            VotesAgainst = 1,
            Abstentions = 0,
            CreatedAt = DateTime.UtcNow.AddDays(-40),
        };
        db.CouncilOpinions.Add(opinion);
        await db.SaveChangesAsync();
        return opinion.Id;
    });

    public static async Task<int> NewAgendaItemAsync(this ParvisFactory app, int council, string authorEmail, string title)
    {
        var author = await app.UserIdAsync(authorEmail);
        return await app.InAAsync(async db =>
        {
            var item = CouncilAgendaItem.Propose(council, author, title, "Parlons-en à la prochaine séance.", DateTime.UtcNow);
            db.CouncilAgendaItems.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });
    }
}
