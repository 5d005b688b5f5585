using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

/// <summary>
/// A rule of the domain broken by a form goes through one filter (Features/Shared/BrokenRuleFilter.cs): the page
/// comes back, status 200, with the rule's message in the person's language, what they typed, and nothing saved.
/// </summary>
[Collection(PlatformAppCollection.Name)]
public partial class BrokenRuleTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    [Fact]
    public async Task A_broken_rule_shows_the_form_again_with_its_translated_message_what_was_typed_and_nothing_saved()
    {
        var admin = await _app.SignedInAsync("admin", ParvisFactory.HostA);
        await admin.GetAsync("/langue?culture=en&returnUrl=/");
        var page = await admin.GetDocumentAsync("/admin/pages-legales");
        var response = await admin.SubmitAsync(page, "/admin/pages-legales", "form[action*=Accessibility]", new Dictionary<string, string?>
        {
            // A date in the future: a rule of the domain (LegalPages.DescribeAccessibility), not a field's attribute.
            ["Accessibility.Rate"] = "40",
            ["Accessibility.AuditDate"] = "2099-06-01",
            ["Accessibility.AuditedBy"] = "Cabinet Exemple",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("The date of the audit cannot be in the future.", shown.Errors());
        Assert.Equal("Cabinet Exemple", shown.QuerySelector("[name='Accessibility.AuditedBy']")!.GetAttribute("value"));
        var saved = await _app.InAAsync(db => db.Organizations.Where(o => o.Id == _app.OrganizationA.Id).Select(o => o.Legal.AuditedBy).SingleAsync());
        Assert.NotEqual("Cabinet Exemple", saved);
        Assert.False(await _app.InAAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "organization.accessibility" && a.Details == "40 %")));
    }

    [Fact]
    public async Task A_refusal_on_an_item_page_keeps_the_item_in_view()
    {
        // The moderation queue asks for the duplicate's number: the queue is listed again under the message.
        var moderator = await _app.SignedInAsync("moderation", ParvisFactory.HostA);
        var page = await moderator.SubmitAndReadAsync("/moderation/propositions", "form[action*=Merge]", new Dictionary<string, string?> { ["targetId"] = "1" });
        Assert.Contains("Indiquez le numéro du doublon.", page.Errors());
        Assert.NotNull(page.QuerySelector("form[action*=Merge]"));
    }

    [Fact]
    public async Task No_page_catches_a_broken_rule_itself()
    {
        // These catch a rule as part of their flow, not to show an error: a step of a wizard, a state shown on the page.
        string[] flows =
        [
            "Consultations/Details.cshtml.cs", "Proposals/Propose.cshtml.cs", "Requests/Index.cshtml.cs", "Requests/Reporting/Report.cshtml.cs",
            "Identity/Desk.cshtml.cs", "FranceConnect/Callback.cshtml.cs", "Responses/Queue.cshtml.cs",
        ];
        var features = Path.Combine(Repository.Root, "src", "Parvis", "Features");
        var catching = new List<string>();
        foreach (var file in Directory.EnumerateFiles(features, "*.cshtml.cs", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(features, file).Replace('\\', '/');
            var catches = CatchOfBrokenRule().Count(await File.ReadAllTextAsync(file));
            if (catches > 0 && !flows.Contains(name)) catching.Add($"{name}: {catches}");
        }
        Assert.True(catching.Count == 0, "Implement IRedisplaysBrokenRules instead of catching DomainException:\n" + string.Join("\n", catching));
    }

    [GeneratedRegex(@"catch \(DomainException")]
    private static partial Regex CatchOfBrokenRule();
}
