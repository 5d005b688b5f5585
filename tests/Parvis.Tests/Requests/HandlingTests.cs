using System.Net;
using AngleSharp.Html.Dom;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

/// <summary>The services' side of requests over real HTTP: the status graph, duplicates, bulk moves, reassignment and who may act.</summary>
[Collection(InitiativesAppCollection.Name)]
public class HandlingTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private static string Errors(IHtmlDocument page) => page.QuerySelector(".errors")?.TextContent ?? "";

    private static Dictionary<string, string?> Move(RequestStatus status, string? text = null, string? note = null, string? duplicateOf = null) => new()
    {
        ["status"] = status.ToString(),
        ["publicText"] = text,
        ["internalNote"] = note,
        ["duplicateOf"] = duplicateOf,
    };

    [Fact]
    public async Task The_service_moves_a_request_along_the_graph_and_a_forbidden_move_or_a_missing_reason_gets_a_french_message()
    {
        var id = await _app.AddRequestAsync(HandlingData.Unique("Lampadaire éteint rue des Lilas"), reporterEmail: "lilas@example.org");
        var agent = await _app.SignedInAsync("voirie");
        var url = $"/guichet/{id}";

        var page = await agent.SubmitAndReadAsync(url, "form[action*=Move]", Move(RequestStatus.Acknowledged, "Une équipe passe demain."));
        Assert.Contains("Pris en compte", page.QuerySelector(".badge")!.TextContent);
        Assert.Contains("Une équipe passe demain.", page.QuerySelector(".history")!.TextContent);

        page = await agent.SubmitAndReadAsync(url, "form[action*=Move]", Move(RequestStatus.Submitted));
        Assert.Contains("Un signalement ne passe pas de « Pris en compte » à « Envoyé ».", Errors(page));

        page = await agent.SubmitAndReadAsync(url, "form[action*=Move]", Move(RequestStatus.Rejected));
        Assert.Contains("Expliquez publiquement pourquoi ce signalement n'est pas traité.", Errors(page));
        Assert.Equal(RequestStatus.Acknowledged, (await _app.RequestAsync(id)).Status);

        page = await agent.SubmitAndReadAsync(url, "form[action*=Move]", Move(RequestStatus.Rejected, "Ce lampadaire appartient à la copropriété."));
        Assert.Contains("Rejeté", page.QuerySelector(".badge")!.TextContent);
        page = await agent.SubmitAndReadAsync(url, "form[action*=Move]", Move(RequestStatus.Resolved));
        Assert.Contains("Un signalement ne passe pas de « Rejeté » à « Résolu ».", Errors(page));

        var saved = await _app.RequestAsync(id);
        Assert.Equal(RequestStatus.Rejected, saved.Status);
        Assert.NotNull(saved.ClosedAt);
        Assert.Equal(["Envoyé → Pris en compte", "Pris en compte → Rejeté"], (await _app.AuditOfRequestAsync(id)).Where(a => a.Action == "request.status").Select(a => a.Details));
    }

    [Fact]
    public async Task A_duplicate_names_its_original_by_number_or_address_and_links_to_it()
    {
        var original = await _app.AddRequestAsync(HandlingData.Unique("Nid-de-poule avenue Foch"), reporterEmail: "foch@example.org");
        var copy = await _app.AddRequestAsync(HandlingData.Unique("Trou dans la chaussée avenue Foch"), reporterEmail: "foch2@example.org");
        var agent = await _app.SignedInAsync("voirie");

        var page = await agent.SubmitAndReadAsync($"/guichet/{copy}", "form[action*=Move]", Move(RequestStatus.Duplicate));
        Assert.Contains("Indiquez le numéro ou l'adresse du signalement original.", Errors(page));
        page = await agent.SubmitAndReadAsync($"/guichet/{copy}", "form[action*=Move]", Move(RequestStatus.Duplicate, duplicateOf: "999999"));
        Assert.Contains("Le signalement n° 999999 n'existe pas.", Errors(page));
        page = await agent.SubmitAndReadAsync($"/guichet/{copy}", "form[action*=Move]", Move(RequestStatus.Duplicate, duplicateOf: $"{copy}"));
        Assert.Contains("Un signalement n'est pas le doublon de lui-même.", Errors(page));

        page = await agent.SubmitAndReadAsync($"/guichet/{copy}", "form[action*=Move]",
            Move(RequestStatus.Duplicate, "Déjà signalé, suivez l'original.", duplicateOf: $"https://a.test/signalements/{original}"));
        Assert.Contains("Doublon", page.QuerySelector(".badge")!.TextContent);
        Assert.NotNull(page.QuerySelector($"dd a[href='/guichet/{original}']"));
        Assert.Equal(original, (await _app.RequestAsync(copy)).DuplicateOfId);
    }

    [Fact]
    public async Task A_bulk_move_changes_every_ticked_request_or_none_and_names_the_one_that_cannot_move()
    {
        var first = await _app.AddRequestAsync(HandlingData.Unique("Lampadaire A"), reporterEmail: $"bulk-{Guid.NewGuid():N}@example.org");
        var second = await _app.AddRequestAsync(HandlingData.Unique("Lampadaire B"), reporterEmail: $"bulk-{Guid.NewGuid():N}@example.org");
        var third = await _app.AddRequestAsync(HandlingData.Unique("Lampadaire C"), reporterEmail: $"bulk-{Guid.NewGuid():N}@example.org");
        var agent = await _app.SignedInAsync("voirie");
        await agent.SubmitAsync($"/guichet/{second}", "form[action*=Move]", Move(RequestStatus.Acknowledged));

        var queue = await agent.GetDocumentAsync("/guichet?q=Lampadaire");
        Assert.NotNull(queue.QuerySelector($"input[name=ids][value='{first}']"));
        var response = await agent.PostAsync("/guichet?handler=Bulk", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Token(queue)), new("ids", $"{first}"), new("ids", $"{second}"), new("ids", $"{third}"),
            new("bulkStatus", nameof(RequestStatus.Acknowledged)), new("bulkMessage", "Pris en compte par l'équipe de nuit."),
        ]));
        var page = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains($"Aucun signalement n'a changé : le signalement n° {second} ne peut pas passer à « Pris en compte »", Errors(page));
        Assert.Equal(RequestStatus.Submitted, (await _app.RequestAsync(first)).Status);
        Assert.Equal(RequestStatus.Submitted, (await _app.RequestAsync(third)).Status);

        response = await agent.PostAsync("/guichet?handler=Bulk", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Token(queue)), new("ids", $"{first}"), new("ids", $"{second}"), new("ids", $"{third}"),
            new("bulkStatus", nameof(RequestStatus.InProgress)), new("bulkMessage", "Les travaux commencent lundi."),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var id in new[] { first, second, third })
        {
            var saved = await _app.RequestAsync(id);
            Assert.Equal(RequestStatus.InProgress, saved.Status);
            Assert.Contains(saved.Updates, u => u.PublicText == "Les travaux commencent lundi.");
        }
    }

    [Fact]
    public async Task Bulk_moves_are_refused_for_requests_of_another_service()
    {
        var theirs = await _app.AddRequestAsync(HandlingData.Unique("Dépôt sauvage"), reporterEmail: "depot@example.org", categoryCode: "depot-sauvage");
        var agent = await _app.SignedInAsync("voirie");
        var queue = await agent.GetDocumentAsync("/guichet");
        Assert.Null(queue.QuerySelector($"input[name=ids][value='{theirs}']"));
        var response = await agent.PostAsync("/guichet?handler=Bulk", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", Token(queue)), new("ids", $"{theirs}"), new("bulkStatus", nameof(RequestStatus.Resolved))]));
        Assert.Contains($"le signalement n° {theirs} n'est pas dans votre file", Errors(HtmlClient.Parse(await response.Content.ReadAsStringAsync())));
        Assert.Equal(RequestStatus.Submitted, (await _app.RequestAsync(theirs)).Status);
    }

    [Fact]
    public async Task A_reassignment_is_audited_and_moves_the_request_to_the_other_service_queue()
    {
        var description = HandlingData.Unique("Sacs abandonnés au pied du lampadaire");
        var id = await _app.AddRequestAsync(description, reporterEmail: "sacs@example.org");
        var agent = await _app.SignedInAsync("voirie");
        // The queue searched for this request: other tests of the same application fill its first pages.
        var queue = $"/guichet?q={Uri.EscapeDataString(description)}";
        Assert.NotNull((await agent.GetDocumentAsync(queue)).QuerySelector($"tr[data-request='{id}']"));

        var page = await agent.SubmitAndReadAsync($"/guichet/{id}", "form[action*=Reassign]", new Dictionary<string, string?> { ["service"] = "Service inconnu" });
        Assert.Contains("Choisissez un service de la liste.", Errors(page));
        var response = await agent.SubmitAsync($"/guichet/{id}", "form[action*=Reassign]",
            new Dictionary<string, string?> { ["service"] = HandlingData.Proprete, ["internalNote"] = "Ce sont des déchets." });
        Assert.Equal("/guichet", response.Headers.Location!.OriginalString);

        Assert.Null((await agent.GetDocumentAsync(queue)).QuerySelector($"tr[data-request='{id}']"));
        var refused = await agent.GetAsync($"/guichet/{id}");
        Assert.StartsWith("/compte/acces-refuse", refused.Headers.Location!.PathAndQuery.Replace("http://a.test", "", StringComparison.Ordinal));
        var admin = await _app.SignedInAsync("admin");
        var theirQueue = await admin.GetDocumentAsync($"{queue}&service={Uri.EscapeDataString(HandlingData.Proprete)}");
        Assert.NotNull(theirQueue.QuerySelector($"tr[data-request='{id}']"));
        var audit = (await _app.AuditOfRequestAsync(id)).Single(a => a.Action == "request.reassign");
        Assert.Equal("Service voirie → Service propreté", audit.Details);
        var saved = await _app.RequestAsync(id);
        Assert.Equal(HandlingData.Proprete, saved.ServiceName);
        Assert.Contains(saved.Updates, u => u.InternalNote!.Contains("Ce sont des déchets.", StringComparison.Ordinal) && u.PublicText is null);
    }

    [Fact]
    public async Task An_agent_of_another_service_is_refused_the_request_and_its_forms()
    {
        var id = await _app.AddRequestAsync(HandlingData.Unique("Lampadaire qui clignote"), reporterEmail: "clignote@example.org");
        var urbanisme = await _app.SignedInAsync("agent");
        var response = await urbanisme.GetAsync($"/guichet/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compte/acces-refuse", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null((await urbanisme.GetDocumentAsync("/guichet")).QuerySelector($"tr[data-request='{id}']"));

        var token = Token(await urbanisme.GetDocumentAsync("/guichet"));
        response = await urbanisme.PostAsync($"/guichet/{id}?handler=Move", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("status", nameof(RequestStatus.Resolved))]));
        Assert.Contains("/compte/acces-refuse", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Submitted, (await _app.RequestAsync(id)).Status);
    }

    [Fact]
    public async Task Ville_B_staff_neither_see_nor_act_on_Ville_A_requests()
    {
        var id = await _app.AddRequestAsync(HandlingData.Unique("Lampadaire de Ville A"), reporterEmail: "villea@example.org");
        var agentB = await _app.SignedInAsync("voirie", ParvisFactory.HostB);
        Assert.Equal(HttpStatusCode.NotFound, (await agentB.GetAsync($"/guichet/{id}")).StatusCode);
        var adminB = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/guichet/{id}")).StatusCode);
        var queue = await adminB.GetDocumentAsync("/guichet?statut=tous&q=" + Uri.EscapeDataString("Lampadaire de Ville A"));
        Assert.Null(queue.QuerySelector($"tr[data-request='{id}']"));
        var response = await adminB.PostAsync($"/guichet/{id}?handler=Move", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", Token(queue)), new("status", nameof(RequestStatus.Resolved))]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(RequestStatus.Submitted, (await _app.RequestAsync(id)).Status);
    }

    [Fact]
    public async Task The_queue_lists_overdue_requests_first_and_filters_them()
    {
        var word = Guid.NewGuid().ToString("N")[..10];
        var later = await _app.AddRequestAsync($"Lampadaire {word} récent", reporterEmail: "r@example.org");
        var overdue = await _app.AddRequestAsync($"Lampadaire {word} ancien", reporterEmail: "r@example.org", change: r => { r.SubmittedAt = r.SubmittedAt.AddDays(-10); r.DueAt = DateTime.UtcNow.AddDays(-2); });
        var agent = await _app.SignedInAsync("voirie");
        var rows = (await agent.GetDocumentAsync($"/guichet?q={word}")).QuerySelectorAll("tr[data-request]").Select(r => r.GetAttribute("data-request")).ToList();
        Assert.Equal([$"{overdue}", $"{later}"], rows);
        var onlyLate = (await agent.GetDocumentAsync($"/guichet?q={word}&retard=true")).QuerySelectorAll("tr[data-request]").Select(r => r.GetAttribute("data-request")).ToList();
        Assert.Equal([$"{overdue}"], onlyLate);
        Assert.Contains("En retard", (await agent.GetDocumentAsync($"/guichet?q={word}")).QuerySelector($"tr[data-request='{overdue}']")!.TextContent);
    }

    private static string Token(IHtmlDocument page) => page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}
