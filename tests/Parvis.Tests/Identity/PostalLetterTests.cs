using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Identity;
using Parvis.Testing;
using PdfSharp.Pdf.IO;

namespace Parvis.Tests.Identity;

[Collection(PlatformAppCollection.Name)]
public class PostalLetterTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<(HttpClient Client, Guid UserId)> CitizenWithRequestAsync(string street = "12 rue des Lilas")
    {
        var (citizen, email) = await _app.CitizenClientAsync();
        var rives = await _app.TerritoryIdAsync("Les Rives");
        var page = await citizen.SubmitAndReadAsync("/compte/identite/courrier", "form[action*=Request]", new Dictionary<string, string?>
        {
            ["recipientName"] = "Famille Dupont",
            ["addressLine1"] = street,
            ["postalCode"] = "75012",
            ["city"] = "Ville A",
            ["territoryId"] = rives.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal("Demande enregistrée : un agent vous enverra le courrier.", page.QuerySelector(".notice")!.TextContent);
        return (citizen, await _app.UserIdAsync(email));
    }

    /// <summary>The agent downloads the PDF of the pending letters; the code of a letter is read back as the page printed it, through the application's own protector.</summary>
    private async Task<byte[]> PrintAsync()
    {
        var agent = await _app.SignedInAsync("agent");
        var response = await agent.SubmitAsync("/admin/verifications/courriers", "form[action*=Print]", new Dictionary<string, string?>());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private Task<string> CodeOfAsync(Guid userId) => _app.InAAsync(async db =>
    {
        var request = await db.PostalLetterRequests.Where(r => r.UserId == userId).OrderByDescending(r => r.Id).FirstAsync();
        using var scope = _app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PostalLetters>().CodeOf(request)!;
    });

    private Task<PostalLetterRequest> RequestOfAsync(Guid userId) =>
        _app.InAAsync(db => db.PostalLetterRequests.AsNoTracking().Where(r => r.UserId == userId).OrderByDescending(r => r.Id).FirstAsync());

    [Fact]
    public async Task The_agents_print_one_pdf_page_per_pending_letter_and_the_code_verifies_residence_then_the_address_is_erased()
    {
        var (first, firstId) = await CitizenWithRequestAsync("3 place du Marché");
        var (second, secondId) = await CitizenWithRequestAsync();
        var agent = await _app.SignedInAsync("agent");
        var pending = (await agent.GetDocumentAsync("/admin/verifications/courriers")).QuerySelectorAll(".pending-letters tbody tr").Count;
        Assert.True(pending >= 2);

        var pdf = await PrintAsync();
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        using (var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import))
            Assert.Equal(pending, document.PageCount);
        Assert.Empty((await agent.GetDocumentAsync("/admin/verifications/courriers")).QuerySelectorAll(".pending-letters tbody tr"));
        Assert.Contains(await _app.InAAsync(db => db.AuditEntries.Where(a => a.Action == "postal-letter.print").Select(a => a.Details).ToListAsync()),
            d => d!.Contains(pending == 1 ? "1 courrier imprimé ensemble" : $"{pending} courriers imprimés ensemble", StringComparison.Ordinal));

        var printed = await RequestOfAsync(firstId);
        Assert.NotNull(printed.PrintedAt);
        Assert.NotEqual(await CodeOfAsync(firstId), await CodeOfAsync(secondId));
        Assert.DoesNotContain(await CodeOfAsync(firstId), printed.CodeHash!, StringComparison.Ordinal);

        var page = await first.SubmitAndReadAsync("/compte/identite/courrier", "form[action*=Code]", new Dictionary<string, string?> { ["code"] = (await CodeOfAsync(firstId)).ToLowerInvariant() });
        Assert.Equal("Votre adresse est vérifiée.", page.QuerySelector(".notice")!.TextContent);
        Assert.Contains("habitant vérifié · Les Rives", page.QuerySelectorAll(".badges li").Select(b => b.TextContent.Trim()));
        var verification = await _app.InAAsync(db => db.Verifications.SingleAsync(v => v.UserId == firstId));
        Assert.Equal(VerificationMethod.PostalLetter, verification.Method);
        Assert.Equal(await _app.TerritoryIdAsync("Les Rives"), verification.ResidentTerritoryId);

        var used = await RequestOfAsync(firstId);
        Assert.Null(used.AddressLine1);
        Assert.Null(used.RecipientName);
        Assert.Null(used.CodeProtected);
        Assert.NotNull(used.AddressErasedAt);
        Assert.Contains("l'adresse déclarée a été effacée", (await first.GetDocumentAsync("/compte/identite/courrier")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await RequestOfAsync(secondId)).AddressLine1);
        _ = second;
    }

    [Fact]
    public async Task Five_wrong_codes_void_the_letter_and_erase_the_address()
    {
        var (citizen, userId) = await CitizenWithRequestAsync();
        await PrintAsync();
        var right = await CodeOfAsync(userId);
        var wrong = right[..^1] + (right[^1] == 'A' ? 'B' : 'A');
        for (var attempt = 1; attempt <= PostalLetterRequest.MaxAttempts; attempt++)
        {
            var page = await citizen.SubmitAndReadAsync("/compte/identite/courrier", "form[action*=Code]", new Dictionary<string, string?> { ["code"] = wrong });
            Assert.Contains(page.Errors(), e => e.StartsWith("Ce code n'est pas le bon.", StringComparison.Ordinal));
            if (attempt < PostalLetterRequest.MaxAttempts) Assert.Contains(page.Errors(), e => e.EndsWith(PostalLetterRequest.MaxAttempts - attempt == 1 ? "Il vous reste 1 essai." : $"Il vous reste {PostalLetterRequest.MaxAttempts - attempt} essais.", StringComparison.Ordinal));
        }
        var voided = await RequestOfAsync(userId);
        Assert.NotNull(voided.VoidedAt);
        Assert.Null(voided.AddressLine1);
        Assert.NotNull(voided.AddressErasedAt);
        // Even the right code is too late now, and the page offers a new letter instead.
        var after = await citizen.GetDocumentAsync("/compte/identite/courrier");
        Assert.Null(after.QuerySelector("form[action*=Code]"));
        Assert.NotNull(after.QuerySelector("form[action*=Request]"));
        var crafted = await citizen.SubmitAndReadAsync("/compte/identite/courrier", "form[action*=Request]", new Dictionary<string, string?> { ["code"] = right }, "?handler=Code");
        Assert.Contains("Aucun courrier en cours pour votre compte.", crafted.Errors());
        Assert.Equal(0, await _app.InAAsync(db => db.Verifications.CountAsync(v => v.UserId == userId)));
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_its_address_erased()
    {
        var (citizen, userId) = await CitizenWithRequestAsync();
        await PrintAsync();
        var code = await CodeOfAsync(userId);
        await _app.InAAsync(db => db.PostalLetterRequests.Where(r => r.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CodeExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        // The scheduled purge erases it even if nobody opens the page again.
        using (var scope = _app.Services.CreateScope())
            await new Parvis.Infrastructure.Cluster.OutboxPurgeJob(_app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), TimeProvider.System).RunAsync(scope.ServiceProvider, default);
        var expired = await RequestOfAsync(userId);
        Assert.Null(expired.AddressLine1);
        Assert.NotNull(expired.AddressErasedAt);
        var page = await citizen.GetDocumentAsync("/compte/identite/courrier");
        Assert.Contains("n'est plus valable", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var crafted = await citizen.SubmitAndReadAsync("/compte/identite/courrier", "form[action*=Request]", new Dictionary<string, string?> { ["code"] = code }, "?handler=Code");
        Assert.Contains("Aucun courrier en cours pour votre compte.", crafted.Errors());
    }

    [Fact]
    public async Task A_declaration_without_address_or_quartier_is_refused_and_a_second_one_waits_for_the_first()
    {
        var (citizen, _) = await _app.CitizenClientAsync();
        var page = await citizen.SubmitAndReadAsync("/compte/identite/courrier", "form[action*=Request]", new Dictionary<string, string?> { ["recipientName"] = "Moi" });
        Assert.Contains("Choisissez le quartier de votre adresse dans la liste.", page.Errors());
        var gare = (await _app.TerritoryIdAsync("Quartier de la Gare")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        page = await citizen.SubmitAndReadAsync("/compte/identite/courrier", "form[action*=Request]", new Dictionary<string, string?>
        {
            ["recipientName"] = "Moi",
            ["addressLine1"] = "1 rue Haute",
            ["postalCode"] = "7501",
            ["city"] = "Ville A",
            ["territoryId"] = gare,
        });
        Assert.Contains("Le code postal compte cinq chiffres.", page.Errors());
        page = await citizen.SubmitAndReadAsync("/compte/identite/courrier", "form[action*=Request]", new Dictionary<string, string?>
        {
            ["recipientName"] = "Moi",
            ["addressLine1"] = "1 rue Haute",
            ["postalCode"] = "75012",
            ["city"] = "Ville A",
            ["territoryId"] = gare,
        });
        Assert.Contains("attend son envoi", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*=Request]"));
    }
}
