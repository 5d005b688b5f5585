using System.Net;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Petitions;

/// <summary>A signed-in person's signatures are in their download, and go with their account while the count keeps them.</summary>
[Collection(InitiativesAppCollection.Name)]
public class SignaturePersonalDataTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task Signatures_are_in_the_export_and_erased_with_the_account_while_the_count_keeps_them()
    {
        var id = await _app.NewSignablePetitionAsync();
        var (client, email) = await _app.CitizenClientAsync();
        var userId = await _app.UserIdAsync(email);
        await _app.SignAndConfirmAsync(client, id, email);
        var title = await _app.InAAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.Title).SingleAsync());

        var export = await client.GetStringAsync("/compte/donnees/export.json");
        Assert.Contains(title, export, StringComparison.Ordinal);
        Assert.Contains("Camille Martin", export, StringComparison.Ordinal);

        var deleted = await client.SubmitAsync("/compte/supprimer", "main form", new Dictionary<string, string?> { ["Choice"] = "keep", ["Password"] = ParvisFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await _app.InAAsync(db => db.PetitionSignatures.AnyAsync(s => s.UserId == userId)));
        Assert.Equal(0, await _app.SignatureRowsAsync(id));
        // SignatureErasure: the petition keeps the signature in its count.
        Assert.Equal(1, await _app.CountAsync(id));
    }
}
