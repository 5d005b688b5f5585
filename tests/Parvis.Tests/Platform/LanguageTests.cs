using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;
using Parvis.Testing;

namespace Parvis.Tests.Platform;

[Collection(PlatformAppCollection.Name)]
public partial class LanguageTests(AppFixture fixture)
{
    private readonly ParvisFactory _app = fixture.App;

    private const string SwitchForm = "form[action='/langue']";

    [Fact]
    public async Task A_page_asked_in_english_is_in_english()
    {
        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/compte/connexion?culture=en");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", page.QuerySelector("h1")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("nav a"), a => a.TextContent == "Consultations");
        Assert.Contains("Participation charter", page.QuerySelector("footer")!.TextContent, StringComparison.Ordinal);
        var toFrench = page.QuerySelector($"{SwitchForm} button")!;
        Assert.Equal("Français", toFrench.TextContent);
        Assert.Equal("fr", toFrench.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_language_switch_keeps_the_choice_in_a_cookie_and_goes_back_to_the_page()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var french = await client.GetDocumentAsync("/concertations");
        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));
        var toEnglish = french.QuerySelector($"{SwitchForm} button")!;
        Assert.Equal(("English", "en"), (toEnglish.TextContent, toEnglish.GetAttribute("lang")));

        var response = await client.SubmitAsync("/concertations", SwitchForm, new Dictionary<string, string?> { ["culture"] = "en" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/concertations", response.Headers.Location!.OriginalString);
        var next = await client.GetDocumentAsync("/compte/connexion");
        Assert.Equal("en", next.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", next.QuerySelector("h1")!.TextContent);

        // Back to French from an address that asked for English: the query string does not win on the way back.
        response = await client.SubmitAsync("/compte/connexion?culture=en", SwitchForm, new Dictionary<string, string?> { ["culture"] = "fr" });
        Assert.Equal("/compte/connexion", response.Headers.Location!.OriginalString);
        Assert.Equal("Se connecter", (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("https://ailleurs.example/piege")]
    [InlineData("//ailleurs.example/piege")]
    public async Task The_language_switch_only_goes_back_to_a_local_address(string returnUrl)
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var response = await client.SubmitAsync("/", SwitchForm, new Dictionary<string, string?> { ["culture"] = "en", ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_language_not_offered_falls_back_to_french()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        await client.GetAsync("/langue?culture=en&returnUrl=/");
        var response = await client.GetAsync("/langue?culture=de&returnUrl=/compte/connexion");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/compte/connexion", response.Headers.Location!.OriginalString);
        Assert.Equal("Se connecter", (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("h1")!.TextContent);

        var page = await _app.ClientFor(ParvisFactory.HostA).GetDocumentAsync("/compte/connexion?culture=de");
        Assert.Equal(("fr", "Se connecter"), (page.DocumentElement.GetAttribute("lang"), page.QuerySelector("h1")!.TextContent));
    }

    [Fact]
    public async Task A_browser_in_english_still_gets_french_until_the_person_chooses()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/compte/connexion");
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        var response = await client.SendAsync(request);
        var page = HtmlClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Se connecter", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Form_errors_are_shown_in_english()
    {
        var client = _app.ClientFor(ParvisFactory.HostA);
        var page = await client.SubmitAndReadAsync("/compte/inscription?culture=en", "main form", new Dictionary<string, string?>
        {
            ["Form.Email"] = "",
            ["Form.Pseudonym"] = "Nouvelle",
            ["Form.Password"] = "un mot de passe long",
            ["Form.AcceptCharter"] = "true",
        });
        Assert.Equal("The form contains errors", page.QuerySelector(".errors h2")!.TextContent);
        Assert.Contains("Enter your email address.", page.Errors());

        // A broken domain rule, written in French by the domain, translated when shown.
        var id = await _app.NewOpenConsultationAsync();
        var (citizen, _) = await _app.CitizenClientAsync();
        await citizen.SubmitAsync($"/concertations/{id}", SwitchForm, new Dictionary<string, string?> { ["culture"] = "en" });
        page = await citizen.SubmitAndReadAsync($"/concertations/{id}", "form[action*=Contribute]",
            new Dictionary<string, string?> { ["Input.Body"] = new string('a', Contribution.MaxBody + 1) });
        Assert.Contains($"Your contribution is longer than {Contribution.MaxBody} characters.", page.Errors());
    }

    [Fact]
    public async Task A_rule_message_with_a_date_is_translated_with_its_date()
    {
        var id = await _app.IdAsync(ConsultationData.Upcoming);
        var (citizen, _) = await _app.CitizenClientAsync();
        var french = (await citizen.GetDocumentAsync($"/concertations/{id}")).QuerySelector("main")!.TextContent;
        Assert.Contains("Les contributions ouvrent le ", french, StringComparison.Ordinal);
        var english = (await citizen.GetDocumentAsync($"/concertations/{id}?culture=en")).QuerySelector("main")!.TextContent;
        Assert.Matches(@"Contributions open on \d{1,2} [A-Z][a-z]+ \d{4}: it is not possible to take part yet\.", english);
    }

    [Fact]
    public async Task Every_text_of_the_views_has_an_english_translation()
    {
        var keys = EnglishKeys();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var view in Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Parvis", "Features"), "*.cshtml", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(view);
            var found = LocalizedKey().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(PluralKeys().Matches(text).SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value }));
            foreach (var key in found.Select(Regex.Unescape))
            {
                if (!keys.Contains(key)) missing.Add($"{Path.GetFileName(view)}: {key}");
            }
        }
        Assert.True(missing.Count == 0, "Missing from Resources/SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("fr", 0, true)]
    [InlineData("fr", 1, true)]
    [InlineData("fr", 1.5, true)]
    [InlineData("fr", 2, false)]
    [InlineData("en", 0, false)]
    [InlineData("en", 1, true)]
    [InlineData("en", 2, false)]
    public void Each_language_has_its_plural_rule(string language, double count, bool singular) =>
        Assert.Equal(singular, Plurals.IsOne((decimal)count, System.Globalization.CultureInfo.GetCultureInfo(language)));

    [Fact]
    public void No_text_writes_a_plural_as_an_optional_s()
    {
        // Every text of the views is a key of the English resource (the test above), so this covers them all.
        var optional = ResourceEntries().Where(e => e.Key.Contains("(s)", StringComparison.Ordinal) || e.Value.Contains("(s)", StringComparison.Ordinal))
            .Select(e => e.Key).ToList();
        Assert.True(optional.Count == 0, "Use L.Plural(count, singular, plural, …) instead of \"(s)\":\n" + string.Join("\n", optional));
    }

    [Fact]
    public async Task No_view_reads_the_unformatted_template_of_a_text_with_values()
    {
        // L["… {0} …", value].Value is the template itself: the reader saw a raw {0}. L.GetString(…) formats it.
        var wrong = new List<string>();
        foreach (var view in Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Parvis", "Features"), "*.cshtml", SearchOption.AllDirectories))
            wrong.AddRange(TemplateValue().Matches(await File.ReadAllTextAsync(view)).Select(m => $"{Path.GetFileName(view)}: {m.Value}"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Labels_and_rule_messages_made_by_the_code_have_an_english_translation()
    {
        var keys = EnglishKeys();
        var minimumPassword = _app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Password.RequiredLength;
        var texts = new List<string?>
        {
            Contribution.Validate(null, new string('a', Contribution.MaxBody + 1)),
            Contribution.Validate(new string('a', Contribution.MaxTitle + 1), "texte"),
            Comment.Validate(new string('a', Comment.MaxBody + 1)),
            OfficialResponse.Validate(new string('a', OfficialResponse.MaxBody + 1)),
            new FrenchIdentityErrors().PasswordTooShort(minimumPassword).Description,
        };
        texts.AddRange(new[]
        {
            Petition.Validate(null, "a", "a", "a"), Petition.Validate("a", null, "a", "a"), Petition.Validate("a", "a", null, "a"), Petition.Validate("a", "a", "a", null),
            Petition.Validate(new string('a', Petition.MaxTitle + 1), "a", "a", "a"), Petition.Validate("a", new string('a', Petition.MaxRequest + 1), "a", "a"),
            Petition.Validate("a", "a", new string('a', Petition.MaxReasons + 1), "a"), Petition.Validate("a", "a", "a", new string('a', Petition.MaxAddressee + 1)),
        });
        texts.AddRange(Enum.GetValues<PetitionStatus>().Select(Parvis.Features.Petitions.PetitionLabels.Of));
        texts.AddRange(Enum.GetValues<CollectivityKind>().Select(Parvis.Features.Petitions.PetitionLabels.Of));
        texts.AddRange(Enum.GetValues<AgendaItemStatus>().Select(Parvis.Features.Petitions.PetitionLabels.Of));
        texts.AddRange(Enum.GetValues<ConsultationPhase>().Select(Labels.Of));
        texts.AddRange(Enum.GetValues<LegalFrame>().Select(Labels.Of));
        texts.AddRange(Enum.GetValues<Channel>().Select(Labels.Of));
        texts.AddRange(Enum.GetValues<Stance>().Select(Labels.Of));
        texts.AddRange(Enum.GetValues<TerritoryKind>().Select(Labels.Of));
        texts.AddRange(Enum.GetValues<OutcomeStatus>().Select(Labels.Of));
        texts.AddRange(Enum.GetValues<OutcomeSubjectKind>().Select(Parvis.Features.Outcomes.OutcomeSubjects.Label));
        texts.AddRange([Parvis.Features.Outcomes.OutcomesFedViewComponent.ForContribution, Parvis.Features.Outcomes.OutcomesFedViewComponent.ForConsultation, "{0} jour", "{0} jours", "{0} heure", "{0} heures"]);
        texts.AddRange(Enum.GetValues<StaffRole>().Select(Roles.Label));
        texts.AddRange(Enum.GetValues<MeetingKind>().Select(Parvis.Features.Meetings.MeetingLabels.Of));
        texts.AddRange(Enum.GetValues<MeetingFormat>().Select(Parvis.Features.Meetings.MeetingLabels.Of));
        texts.AddRange(Enum.GetValues<RegistrationStatus>().Where(s => s != RegistrationStatus.Cancelled).Select(Parvis.Features.Meetings.MeetingLabels.Of));
        texts.Add(new Meeting { Title = "" }.Validate());
        texts.AddRange(Enum.GetValues<CouncilKind>().Select(Parvis.Features.Councils.CouncilLabels.Of));
        texts.AddRange(Enum.GetValues<MandateRole>().Select(Parvis.Features.Councils.CouncilLabels.Of));
        texts.AddRange(Enum.GetValues<MandateSource>().Select(Parvis.Features.Councils.CouncilLabels.Of));
        texts.AddRange(Enum.GetValues<CouncilItemStatus>().Select(Parvis.Features.Councils.CouncilLabels.Of));
        texts.AddRange(Enum.GetValues<CandidacyStatus>().Select(Parvis.Features.Councils.CouncilLabels.Of));
        texts.AddRange(Enum.GetValues<MemberVote>().Select(Parvis.Features.Councils.CouncilLabels.Of));
        texts.AddRange([Parvis.Features.Outcomes.OutcomesFedViewComponent.ForOpinion, "Pour candidater", "Pour proposer un point"]);
        texts.AddRange(Enum.GetValues<ProjectTheme>().Select(Parvis.Features.Projects.ProjectLabels.Of));
        texts.AddRange(Enum.GetValues<ProjectPhaseKind>().Select(Parvis.Features.Projects.ProjectLabels.Of));
        texts.AddRange(ProjectLink.Kinds.Select(Parvis.Features.Projects.ProjectLabels.Section));
        texts.AddRange(Enum.GetValues<CensusKind>().Select(Parvis.Features.Identity.CensusUploads.Label));
        texts.AddRange(Parvis.Features.Identity.DeskModel.DocumentTypes);
        texts.AddRange(Enum.GetValues<QuestionKind>().Select(Parvis.Features.Requests.Manage.QuestionLabels.Of));
        texts.AddRange([new RequestSettings { AskIfFixedAfterDays = 0 }.Validate(), new RequestSettings { NearbyMetres = 0 }.Validate()]);
        texts.AddRange(new[] { RateLimits.SignUp, RateLimits.Login, RateLimits.PasswordReset, RateLimits.Posting, RateLimits.Reactions, RateLimits.Flags, RateLimits.IdentityChecks }.Select(RateLimits.Label));
        texts.AddRange(Enum.GetValues<BudgetPhase>().Select(Parvis.Features.Budgets.BudgetLabels.Of));
        texts.AddRange(Enum.GetValues<BudgetRule>().SelectMany(r => new[] { Parvis.Features.Budgets.BudgetLabels.Of(r), Parvis.Features.Budgets.BudgetLabels.ShortOf(r) }));
        texts.AddRange(Enum.GetValues<BudgetVoteForm>().SelectMany(f => new[] { Parvis.Features.Budgets.BudgetLabels.Of(f), Parvis.Features.Budgets.BudgetLabels.ShortOf(f) }));
        texts.AddRange(Enum.GetValues<BudgetFeasibility>().Select(Parvis.Features.Budgets.BudgetLabels.Of));
        texts.AddRange([Parvis.Features.Budgets.BudgetLabels.TieBreaking, new Budget { Title = "" }.ValidateSettings()]);
        texts.AddRange(Parvis.Features.Statistics.StatisticsLabels.All);
        texts.AddRange(Enum.GetValues<AgeBracket>().Select(AgeBrackets.Label));
        var missing = texts.Where(t => t is null || !keys.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "Missing from Resources/SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void English_translations_keep_the_placeholders_and_tags_of_the_french_text()
    {
        var entries = ResourceEntries();
        var wrong = entries
            .Where(e => !Shape(e.Key).SequenceEqual(Shape(e.Value)))
            .Select(e => $"{e.Key} => {e.Value}").ToList();
        // The resource compiler ignores names that differ only by case: each one must be unique that way too.
        wrong.AddRange(entries.GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => "duplicate: " + g.Key));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));

        static IEnumerable<string> Shape(string text) =>
            Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);
    }

    private static HashSet<string> EnglishKeys() => ResourceEntries().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

    private static List<KeyValuePair<string, string>> ResourceEntries() =>
        XDocument.Load(Path.Combine(Repository.Root, "src", "Parvis", "Resources", "SharedResource.en.resx")).Root!
            .Elements("data")
            .Select(d => new KeyValuePair<string, string>((string)d.Attribute("name")!, (string?)d.Element("value") ?? ""))
            .ToList();

    /// <summary>A literal key given to the localizer in a view: <c>L["…"]</c> or <c>L.GetString("…"</c>.</summary>
    [GeneratedRegex(@"\bL(?:\[|\.GetString\()\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizedKey();

    /// <summary>The two forms given to <c>L.Plural(count, "…", "…"</c> (the count is an expression without a comma).</summary>
    [GeneratedRegex(@"\bL\.Plural(?:Text)?\([^,]+,\s*""((?:[^""\\]|\\.)*)"",\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex PluralKeys();

    /// <summary><c>L["…", values].Value</c>: an HTML-localized text with values, read without them.</summary>
    [GeneratedRegex(@"\bL\[\s*""(?:[^""\\]|\\.)*""\s*,[^\]\r\n]*\]\.Value")]
    private static partial Regex TemplateValue();

    [GeneratedRegex(@"\{\d+|</?[a-z]+")]
    private static partial Regex Placeholder();
}
