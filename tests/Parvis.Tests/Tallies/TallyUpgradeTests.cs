using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Petitions;
using Parvis.Features.Tallies;
using Parvis.Infrastructure.Data;
using Parvis.Testing;
using Parvis.Tests.Petitions;

namespace Parvis.Tests.Tallies;

/// <summary>
/// The logs on an upgraded site (rows counted before them), the removals written by moderation and merges, and the
/// verify-log command's refusals.
/// </summary>
[Collection(InitiativesAppCollection.Name)]
public class TallyUpgradeTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private async Task<string> VerdictAsync(string item, int id)
    {
        // A new address each time: anonymous pages are kept 10 s by the page cache, and each read here follows a change.
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/verifier/{item}/{id}?lu={Guid.NewGuid():N}");
        return page.QuerySelector("main")!.TextContent;
    }

    private Task<HttpResponseMessage> SupportAsync(HttpClient client, int proposal) =>
        client.SubmitAsync($"/propositions/{proposal}", "form[action*=Support]", new Dictionary<string, string?>());

    [Fact]
    public async Task Signatures_and_supports_counted_before_the_logs_are_written_in_once_and_the_logs_then_hold()
    {
        var petition = await _app.NewSignablePetitionAsync();
        await _app.AddCountedSignaturesAsync(petition, 3);
        // Two more counted whose rows were erased before the logs existed: in the count, not in the table.
        await _app.InOrganizationAsync(_app.OrganizationA, async (_, services) =>
        {
            await services.GetRequiredService<PetitionCounts>().AddAsync(petition, 2);
            return 0;
        });
        var proposal = await _app.AddProposalAsync(await _app.NewProposalSpaceAsync(), "Des bancs au square", "Square Belleville.");
        for (var i = 0; i < 2; i++) await SupportAsync((await _app.CitizenClientAsync()).Client, proposal);
        // As before the logs: no entry, and rows older than receipts have no receipt's id.
        await _app.SqlAsync($"DELETE FROM \"TallyEntries\" WHERE (\"Item\" = 'petition' AND \"ItemId\" = {petition}) OR (\"Item\" = 'proposal' AND \"ItemId\" = {proposal})");
        await _app.SqlAsync($"UPDATE \"PetitionSignatures\" SET \"TallyId\" = NULL WHERE \"PetitionId\" = {petition}");
        await _app.SqlAsync($"UPDATE \"ProposalSupports\" SET \"TallyId\" = NULL WHERE \"ProposalId\" = {proposal}");
        Assert.Contains("Le journal donne 0, la page affiche 5.", await VerdictAsync(TallyItems.Petition, petition), StringComparison.Ordinal);
        // Another organization's petition counted before the logs: left to its own organization's run.
        var other = await _app.NewOpenPetitionAsync(organization: _app.OrganizationB);
        await _app.InOrganizationAsync(_app.OrganizationB, async (_, services) =>
        {
            await services.GetRequiredService<PetitionCounts>().AddAsync(other, 1);
            return 0;
        });

        await _app.InAAsync(db => TallyBackfillSql.BackfillAsync(db, _app.OrganizationA.Id));
        // Run again (a migration re-run, the demo after it): nothing more.
        await _app.InAAsync(db => TallyBackfillSql.BackfillAsync(db, _app.OrganizationA.Id));
        Assert.Equal(0, await _app.InAAsync(db => db.TallyEntries.IgnoreQueryFilters().CountAsync(e => e.ItemId == other && e.Item == TallyItems.Petition)));
        await _app.InOrganizationAsync(_app.OrganizationB, (db, _) => TallyBackfillSql.BackfillAsync(db, _app.OrganizationB.Id));
        await _app.SealAsync();

        var verdict = await VerdictAsync(TallyItems.Petition, petition);
        Assert.Contains("Le journal est intact et donne le décompte affiché.", verdict, StringComparison.Ordinal);
        Assert.Contains("5 ajouts, 0 retraits, 2 effacements", verdict, StringComparison.Ordinal);
        Assert.Contains("Le journal est intact et donne le décompte affiché.", await VerdictAsync(TallyItems.Proposal, proposal), StringComparison.Ordinal);
        var entries = await _app.EntriesAsync(TallyItems.Proposal, proposal);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.StartsWith("p", e.EntryId, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Equal(TallyChain.Round(e.At), e.At));
        var inB = (await _app.ClientFor(ParvisFactory.HostB).GetDocumentAsync($"/verifier/petition/{other}?lu={Guid.NewGuid():N}"))
            .QuerySelector("main")!.TextContent;
        Assert.Contains("Le journal est intact et donne le décompte affiché.", inB, StringComparison.Ordinal);
        Assert.Contains("1 ajouts, 0 retraits, 1 effacements", inB, StringComparison.Ordinal);
        Assert.Equal(2, await _app.InAAsync(db => db.TallyEntries.IgnoreQueryFilters()
            .CountAsync(e => e.ItemId == other && e.Item == TallyItems.Petition && e.OrganizationId == _app.OrganizationB.Id)));
    }

    [Fact]
    public async Task Merging_moves_each_support_from_one_log_to_the_other_under_the_same_receipt_and_both_logs_hold()
    {
        var spaceId = await _app.NewProposalSpaceAsync();
        var a = await _app.AddProposalAsync(spaceId, "Un marché bio le mardi", "Place de la mairie.");
        var b = await _app.AddProposalAsync(spaceId, "Marché bio en semaine", "Le mardi soir.");
        var both = (await _app.CitizenClientAsync()).Client;
        var onlyB = (await _app.CitizenClientAsync()).Client;
        await SupportAsync(both, a);
        await SupportAsync(both, b);
        var receipt = (await onlyB.SubmitAndReadAsync($"/propositions/{b}", "form[action*=Support]", new Dictionary<string, string?>()))
            .QuerySelector("#recu-donne")!.TextContent.Trim();

        var moderator = await _app.SignedInAsync("moderation");
        await moderator.SubmitAsync("/moderation/propositions", "form[action*=Merge]",
            new Dictionary<string, string?> { ["sourceId"] = b.ToString(), ["targetId"] = a.ToString() });
        var removals = (await _app.EntriesAsync(TallyItems.Proposal, b)).Where(e => e.Kind == TallyKind.Removed).ToList();
        Assert.Equal(2, removals.Count);
        Assert.All(removals, r => Assert.Equal($"Proposition fusionnée dans la proposition n° {a} : le soutien y est reporté.", r.Reason));
        Assert.Equal(2, (await _app.EntriesAsync(TallyItems.Proposal, a)).Count(e => e.Kind == TallyKind.Added));
        await _app.SealAsync();

        Assert.Contains("Le journal est intact et donne le décompte affiché.", await VerdictAsync(TallyItems.Proposal, a), StringComparison.Ordinal);
        Assert.Contains("Le journal est intact et donne le décompte affiché.", await VerdictAsync(TallyItems.Proposal, b), StringComparison.Ordinal);
        // The receipt of the support that moved: removed from B with the reason, counted in A.
        var findings = (await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync($"/verifier?recu={receipt}"))
            .QuerySelectorAll(".receipt-findings li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Single(findings, f => f.Contains("Marché bio en semaine", StringComparison.Ordinal) && f.Contains("Retiré ensuite du décompte", StringComparison.Ordinal));
        Assert.Single(findings, f => f.Contains("Un marché bio le mardi", StringComparison.Ordinal) && !f.Contains("Retiré", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hidden_proposal_has_no_log_to_verify_and_its_receipts_find_nothing()
    {
        var proposal = await _app.AddProposalAsync(await _app.NewProposalSpaceAsync(), "Un jardin partagé", "Rue des Vignoles.");
        var receipt = (await (await _app.CitizenClientAsync()).Client.SubmitAndReadAsync($"/propositions/{proposal}",
            "form[action*=Support]", new Dictionary<string, string?>())).QuerySelector("#recu-donne")!.TextContent.Trim();
        await _app.SealAsync();
        await _app.SqlAsync($"UPDATE \"Proposals\" SET \"State\" = 'Hidden' WHERE \"Id\" = {proposal}");

        var anonymous = _app.ClientFor(ParvisFactory.HostA);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anonymous.GetAsync($"/verifier/proposal/{proposal}?lu={Guid.NewGuid():N}")).StatusCode);
        var check = await anonymous.GetDocumentAsync($"/verifier?recu={receipt}&lu={Guid.NewGuid():N}");
        Assert.Contains("Aucune entrée ne porte ce reçu", check.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderation_reason_of_the_longest_length_allowed_is_logged_whole()
    {
        var id = await _app.NewSignablePetitionAsync();
        await _app.AddCountedSignaturesAsync(id, 2, ip: "203.0.113.77");
        var reason = new string('m', PetitionSignature.MaxReason);
        var moderator = await _app.SignedInAsync("moderation");
        var response = await moderator.SubmitAsync($"/moderation/petitions/{id}/sources",
            "section:has(#period-1h) tr:has(input[value='203.0.113.77']) form", new Dictionary<string, string?> { ["reason"] = reason });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var removals = (await _app.EntriesAsync(TallyItems.Petition, id)).Where(e => e.Kind == TallyKind.Removed).ToList();
        Assert.Equal(2, removals.Count);
        Assert.All(removals, r => Assert.EndsWith(reason, r.Reason, StringComparison.Ordinal));
        Assert.Equal(0, await _app.CountAsync(id));
    }

    [Fact]
    public async Task The_verify_log_command_refuses_bad_arguments_and_unreadable_files_in_french()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.json");
        var notALog = Path.GetTempFileName();
        await File.WriteAllTextAsync(notALog, "pas du JSON");
        foreach (var (args, message) in new (string[], string)[]
        {
            ([], VerifyLogCommand.Usage),
            (["un.json", "deux.json"], VerifyLogCommand.Usage),
            ([""], "Impossible de lire le fichier"),
            ([missing], "Impossible de lire le fichier"),
            ([notALog], "Ce fichier n'est pas un journal de comptage Parvis"),
        })
        {
            var error = new StringWriter();
            Assert.Equal(2, await VerifyLogCommand.RunAsync(args, TextWriter.Null, error));
            Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        }
        File.Delete(notALog);
    }

    [Fact]
    public async Task A_downloaded_log_whose_head_was_changed_does_not_hold()
    {
        var id = await _app.NewSignablePetitionAsync();
        await _app.AddCountedSignaturesAsync(id, 2);
        await _app.SealAsync();
        var document = TallyLogDocument.Parse(await _app.ClientFor(ParvisFactory.HostA).GetStringAsync($"/verifier/petition/{id}/journal.json"));
        Assert.True(document.Verify().Holds);
        var (holds, lines) = (document with { Head = document.Entries[0].Hash }).Verify();
        Assert.False(holds);
        Assert.Contains("chaîne : ROMPUE à l'entrée n° 2 : l'empreinte scellée de cette entrée a changé", lines);
        Assert.False((document with { Head = null }).Verify().Holds);
    }
}
