using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Tallies;
using Parvis.Testing;
using Parvis.Tests.Petitions;

namespace Parvis.Tests.Tallies;

/// <summary>Tallies anyone can check (issue 18): receipts, the public log, its seal, and tampering that shows.</summary>
[Collection(InitiativesAppCollection.Name)]
public class TallyTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<string> VerdictAsync(string item, int id, string host = ParvisFactory.HostA)
    {
        // A new address each time: anonymous pages are kept 10 s by the page cache, and each read here follows a change.
        var page = await _app.ClientFor(host).GetDocumentAsync($"/verifier/{item}/{id}?lu={Guid.NewGuid():N}");
        return page.QuerySelector("main")!.TextContent;
    }

    [Fact]
    public async Task A_signer_gets_a_receipt_on_confirming_and_in_the_email_and_it_verifies_pending_then_sealed()
    {
        var id = await _app.NewSignablePetitionAsync();
        var visitor = _app.ClientFor(ParvisFactory.HostA);
        var email = SignatureTestData.NewEmail();
        await visitor.SubmitAsync($"/petitions/{id}/signer", "form[action$=signer]", SignatureTestData.Signer(email));
        var message = await _app.Smtp.WaitForAsync(email);
        var link = await _app.ConfirmationLinkAsync(email, id);
        var confirmed = await visitor.SubmitAsync(link, "main form", new Dictionary<string, string?>());
        Assert.Equal($"/petitions/{id}#signature-confirmee", confirmed.Headers.Location!.OriginalString);
        var receipt = (await visitor.GetDocumentAsync($"/petitions/{id}")).QuerySelector("#recu-donne")!.TextContent.Trim();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", receipt);
        Assert.Contains(receipt, message.TextBody, StringComparison.Ordinal);

        // Typed loosely (lower case, no dashes): found, waiting for its seal.
        var reader = _app.ClientFor(ParvisFactory.HostA);
        var check = await reader.GetDocumentAsync($"/verifier?recu={receipt.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()}");
        Assert.Contains("en attente de scellement", check.QuerySelector(".receipt-findings")!.TextContent, StringComparison.Ordinal);

        await _app.SealAsync();
        check = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/verifier?recu={receipt}");
        var finding = check.QuerySelector(".receipt-findings")!.TextContent;
        Assert.Contains("entrée n° 1, scellée", finding, StringComparison.Ordinal);
        Assert.Equal($"/verifier/petition/{id}", check.QuerySelector(".receipt-findings a[href^='/verifier/']")!.GetAttribute("href"));
        Assert.Contains("Le journal est intact et donne le décompte affiché.", await VerdictAsync(TallyItems.Petition, id), StringComparison.Ordinal);

        // Nothing personal in the download; recounted from the file alone, it gives the page's count.
        var json = await reader.GetStringAsync($"/verifier/petition/{id}/journal.json");
        Assert.DoesNotContain(email, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Camille", json, StringComparison.Ordinal);
        var document = TallyLogDocument.Parse(json);
        var (holds, lines) = document.Verify();
        Assert.True(holds, string.Join("\n", lines));
        Assert.Equal(await _app.CountAsync(id), document.ShownCount);
        Assert.Contains("compte recalculé : 1 (la page affichait 1)", lines);
        var csv = await reader.GetStringAsync($"/verifier/petition/{id}/journal.csv");
        Assert.StartsWith("sequence;type;id;heure;motif;empreinte_precedente;empreinte", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_sealed_entry_with_sql_breaks_the_chain_at_that_entry_here_and_in_the_download()
    {
        var id = await _app.NewSignablePetitionAsync();
        await _app.AddCountedSignaturesAsync(id, 3);
        await _app.SealAsync();
        Assert.Contains("Le journal est intact", await VerdictAsync(TallyItems.Petition, id), StringComparison.Ordinal);
        var json = await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/verifier/petition/{id}/journal.json");

        await _app.SqlAsync($"UPDATE \"TallyEntries\" SET \"Kind\" = 'Erased' WHERE \"Item\" = 'petition' AND \"ItemId\" = {id} AND \"Sequence\" = 2");
        Assert.Contains("La chaîne d'empreintes est rompue à l'entrée n° 2", await VerdictAsync(TallyItems.Petition, id), StringComparison.Ordinal);

        // The same change made to a downloaded file: the command names the entry and fails.
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, json.Replace("\"sequence\": 2,\n      \"kind\": \"ajout\"", "\"sequence\": 2,\n      \"kind\": \"effacement\"", StringComparison.Ordinal));
        var output = new StringWriter();
        Assert.Equal(1, await VerifyLogCommand.RunAsync([path], output, TextWriter.Null));
        Assert.Contains("ROMPUE à l'entrée n° 2", output.ToString(), StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, json);
        Assert.Equal(0, await VerifyLogCommand.RunAsync([path], new StringWriter(), TextWriter.Null));
        File.Delete(path);
    }

    [Fact]
    public async Task Deleting_an_entry_or_the_last_one_with_sql_names_the_missing_entry()
    {
        var middle = await _app.NewSignablePetitionAsync();
        var last = await _app.NewSignablePetitionAsync();
        await _app.AddCountedSignaturesAsync(middle, 3);
        await _app.AddCountedSignaturesAsync(last, 3);
        await _app.SealAsync();

        await _app.SqlAsync($"DELETE FROM \"TallyEntries\" WHERE \"Item\" = 'petition' AND \"ItemId\" = {middle} AND \"Sequence\" = 2");
        Assert.Contains("rompue à l'entrée n° 2 : cette entrée manque au journal", await VerdictAsync(TallyItems.Petition, middle), StringComparison.Ordinal);
        await _app.SqlAsync($"DELETE FROM \"TallyEntries\" WHERE \"Item\" = 'petition' AND \"ItemId\" = {last} AND \"Sequence\" = 3");
        var verdict = await VerdictAsync(TallyItems.Petition, last);
        Assert.Contains("rompue à l'entrée n° 3 : cette entrée manque au journal", verdict, StringComparison.Ordinal);
        Assert.Contains("Le journal donne 2, la page affiche 3.", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalidating_or_deleting_a_signature_row_with_sql_shows_as_a_count_that_no_longer_matches()
    {
        var updated = await _app.NewSignablePetitionAsync();
        var deleted = await _app.NewSignablePetitionAsync();
        await _app.AddCountedSignaturesAsync(updated, 2);
        await _app.AddCountedSignaturesAsync(deleted, 2);
        await _app.SealAsync();

        await _app.SqlAsync($"UPDATE \"PetitionSignatures\" SET \"ConfirmedAt\" = NULL WHERE \"PetitionId\" = {updated}");
        Assert.Contains("la base de données en contient 0", await VerdictAsync(TallyItems.Petition, updated), StringComparison.Ordinal);
        await _app.SqlAsync($"DELETE FROM \"PetitionSignatures\" WHERE \"Id\" = (SELECT MIN(\"Id\") FROM \"PetitionSignatures\" WHERE \"PetitionId\" = {deleted})");
        Assert.Contains("Le journal donne 2 inscriptions encore présentes, la base de données en contient 1.", await VerdictAsync(TallyItems.Petition, deleted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signatures_invalidated_by_a_moderator_are_removals_with_their_reason_and_the_log_still_holds()
    {
        var id = await _app.NewSignablePetitionAsync();
        await _app.AddCountedSignaturesAsync(id, 12, ip: "203.0.113.9");
        await _app.AddCountedSignaturesAsync(id, 1, ip: "198.51.100.1");
        var moderator = await _app.SignedInAsync("moderation");
        await moderator.SubmitAndReadAsync($"/moderation/petitions/{id}/sources",
            "section:has(#period-1h) tr:has(input[value='203.0.113.9']) form", new Dictionary<string, string?> { ["reason"] = "Robot ; série de la nuit" });
        Assert.Equal(1, await _app.CountAsync(id));
        var removals = (await _app.EntriesAsync(TallyItems.Petition, id)).Where(e => e.Kind == TallyKind.Removed).ToList();
        Assert.Equal(12, removals.Count);
        Assert.All(removals, r => Assert.Equal("Signature annulée par la modération : Robot ; série de la nuit", r.Reason));
        await _app.SealAsync();
        var verdict = await VerdictAsync(TallyItems.Petition, id);
        Assert.Contains("Le journal est intact", verdict, StringComparison.Ordinal);
        Assert.Contains("13 ajouts, 12 retraits", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_support_gives_a_receipt_and_its_withdrawal_is_a_removal_with_its_reason()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var id = await _app.AddProposalAsync(spaceId, "Un composteur partagé", "Square Belleville.");
        var (citizen, _) = await _app.CitizenClientAsync();
        var page = await citizen.SubmitAndReadAsync($"/propositions/{id}", "form[action*=Support]", new Dictionary<string, string?>());
        var receipt = page.QuerySelector("#recu-donne")!.TextContent.Trim();
        var (other, _) = await _app.CitizenClientAsync();
        await other.SubmitAndReadAsync($"/propositions/{id}", "form[action*=Support]", new Dictionary<string, string?>());
        await citizen.SubmitAndReadAsync($"/propositions/{id}", "form[action*=Withdraw]", new Dictionary<string, string?>());
        await _app.SealAsync();

        var check = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/verifier?recu={receipt}");
        var finding = check.QuerySelector(".receipt-findings")!.TextContent;
        Assert.Contains("Un composteur partagé", finding, StringComparison.Ordinal);
        Assert.Contains("Retiré ensuite du décompte : Soutien retiré par la personne.", finding, StringComparison.Ordinal);
        var verdict = await VerdictAsync(TallyItems.Proposal, id);
        Assert.Contains("Le journal est intact", verdict, StringComparison.Ordinal);
        var document = TallyLogDocument.Parse(await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/verifier/proposal/{id}/journal.json"));
        Assert.True(document.Verify().Holds);
        Assert.Equal((await _app.ProposalAsync(id)).SupportCount, document.ShownCount);
        Assert.Equal(1, document.ShownCount);
    }

    [Fact]
    public async Task Two_sealers_at_once_seal_each_entry_once_in_one_chain()
    {
        var id = await _app.NewSignablePetitionAsync();
        await _app.AddCountedSignaturesAsync(id, 30);
        var sealers = Enumerable.Range(0, 3).Select(_ => _app.InOrganizationAsync(_app.OrganizationA,
            (_, services) => services.GetRequiredService<TallySealer>().SealAllAsync()));
        await Task.WhenAll(sealers);
        await _app.SealAsync();
        var entries = await _app.EntriesAsync(TallyItems.Petition, id);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long?)i), entries.Select(e => e.Sequence).Order());
        var seals = await _app.InAAsync(db => db.TallySeals.Where(s => s.Item == TallyItems.Petition && s.ItemId == id).ToListAsync());
        Assert.Null(TallyChain.Check(entries.OrderBy(e => e.Sequence).ToList(), seals));
        Assert.Contains("Le journal est intact", await VerdictAsync(TallyItems.Petition, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organization_sees_neither_the_log_nor_the_receipts()
    {
        var id = await _app.NewSignablePetitionAsync();
        var receipts = await _app.AddCountedSignaturesAsync(id, 1);
        await _app.SealAsync();
        var b = _app.ClientFor(ParvisFactory.HostB);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/verifier/petition/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/verifier/petition/{id}/journal.json")).StatusCode);
        var check = await b.GetDocumentAsync($"/verifier?recu={receipts[0]}");
        Assert.Contains("Aucune entrée ne porte ce reçu", check.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var seen = await _app.InOrganizationAsync(_app.OrganizationB, (db, _) =>
            Task.FromResult((db.TallyEntries.Count(e => e.ItemId == id && e.Item == TallyItems.Petition), db.TallySeals.Count(s => s.ItemId == id && s.Item == TallyItems.Petition))));
        Assert.Equal((0, 0), seen);
        // A draft is no one's to verify, and an unknown kind of item is not found.
        var draft = await _app.NewSignablePetitionAsync(adjust: p => p.Status = PetitionStatus.Draft);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/verifier/petition/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientFor(ParvisFactory.HostA).GetAsync($"/verifier/ballot/{id}")).StatusCode);
    }

    [Fact]
    public async Task Every_naughty_string_as_a_receipt_gets_a_french_answer_never_an_error()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        foreach (var typed in Security.NaughtyStringTests.Strings.Where((_, i) => i % 7 == 0).Append(new string('A', 5000)).Append("ABCD-EFGH-JKM"))
        {
            var response = await client.GetAsync("/verifier?recu=" + Uri.EscapeDataString(typed));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {typed}");
            var text = (await response.Content.ReadAsStringAsync());
            Assert.True(text.Contains("Ce reçu n&#x27;a pas la bonne forme", StringComparison.Ordinal) || text.Contains("Aucune entrée ne porte ce reçu", StringComparison.Ordinal)
                || text.Contains("Ce reçu n'a pas la bonne forme", StringComparison.Ordinal), typed);
        }
    }

    [Fact]
    public void Receipts_read_loosely_and_refuse_what_cannot_be_one()
    {
        var receipt = Receipt.New();
        Assert.Equal(receipt, Receipt.Normalize(" " + receipt.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() + " "));
        Assert.Equal("0111-ABCD-EFGH", Receipt.Normalize("oIL1abcdefgh"));
        Assert.Null(Receipt.Normalize("ABCD-EFGH-JKMU"));
        Assert.Null(Receipt.Normalize("ABCD-EFGH-JKMNP"));
        Assert.Null(Receipt.Normalize(null));
        Assert.NotEqual(Receipt.EntryId(receipt), Receipt.EntryId(Receipt.New()));
    }
}
