using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>Petitions written straight into the database, open for signing, for the signature tests.</summary>
internal static class SignatureTestData
{
    public static Task<int> NewSignablePetitionAsync(this ParvisFactory app, bool electorMode = false, Action<Petition>? adjust = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var territory = await db.Territories.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            var petition = new Petition
            {
                Title = "Pétition " + Guid.NewGuid().ToString("N")[..8],
                Request = "Un passage piéton devant l'école.",
                Reasons = "Les enfants traversent sans protection.",
                Addressee = "Le conseil municipal",
                TerritoryId = territory,
                Status = PetitionStatus.Open,
                CreatedAt = DateTime.UtcNow.AddDays(-2),
                PublishedAt = DateTime.UtcNow.AddDays(-1),
                ClosesAt = DateTime.UtcNow.AddMonths(3),
                ElectorMode = electorMode,
                SignLevel = electorMode ? ParticipationLevel.VerifiedElector : ParticipationLevel.AnyoneWithConfirmedEmail,
                ResponseThreshold = 1000,
                AgendaThreshold = 5000,
                ResponseDeadlineDays = 90,
            };
            adjust?.Invoke(petition);
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            return petition.Id;
        });

    public static Dictionary<string, string?> Signer(string email, string name = "Camille Martin", string? commune = null) => new()
    {
        ["Input.Name"] = name,
        ["Input.Email"] = email,
        ["Input.PostalCode"] = "75011",
        ["Input.Commune"] = commune,
    };

    public static string NewEmail(string domain = "example.org") => $"signataire-{Guid.NewGuid():N}@{domain}";

    public static Task<long> CountAsync(this ParvisFactory app, int petitionId) =>
        app.InAAsync(db => db.PetitionCountShards.Where(s => s.PetitionId == petitionId).SumAsync(s => s.Count));

    public static Task<int> SignatureRowsAsync(this ParvisFactory app, int petitionId) =>
        app.InAAsync(db => db.PetitionSignatures.CountAsync(s => s.PetitionId == petitionId));

    /// <summary>The path and query of the confirmation link e-mailed to <paramref name="email"/> (for this petition, when one person signs several).</summary>
    public static async Task<string> ConfirmationLinkAsync(this ParvisFactory app, string email, int? petitionId = null)
    {
        var title = petitionId is { } id ? await app.InAAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Title).SingleAsync()) : null;
        var message = await app.Smtp.WaitForAsync(email, m => title is null || (m.TextBody ?? "").Contains(title, StringComparison.Ordinal));
        return new Uri(TestSmtpServer.LinkIn(message)).PathAndQuery;
    }

    /// <summary>Signs through the form and follows the link: a confirmed signature.</summary>
    public static async Task SignAndConfirmAsync(this ParvisFactory app, HttpClient client, int petitionId, string email, string? commune = null)
    {
        var signed = await client.SubmitAsync($"/petitions/{petitionId}/signer", "form[action$=signer]", Signer(email, commune: commune));
        if ((int)signed.StatusCode != 302) throw new InvalidOperationException($"signing answered {(int)signed.StatusCode}: {await signed.TextAsync()}");
        var link = await app.ConfirmationLinkAsync(email, petitionId);
        var confirmed = await client.SubmitAsync(link, "main form", new Dictionary<string, string?>());
        if ((int)confirmed.StatusCode != 302) throw new InvalidOperationException($"confirming answered {(int)confirmed.StatusCode}");
    }
}
