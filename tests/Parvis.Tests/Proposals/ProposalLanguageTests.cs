using System.Xml.Linq;
using Parvis.Domain;
using Parvis.Features.Proposals;
using Parvis.Testing;

namespace Parvis.Tests.Proposals;

/// <summary>The proposals' labels and rule messages made by the code have their English text (the views are checked by LanguageTests).</summary>
public class ProposalLanguageTests
{
    [Fact]
    public void Proposal_labels_and_rule_messages_have_an_english_translation()
    {
        var keys = XDocument.Load(Path.Combine(Repository.Root, "src", "Parvis", "Resources", "SharedResource.en.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var texts = new List<string?>
        {
            Proposal.Validate("", "b", null, null, null),
            Proposal.Validate(new string('t', Proposal.MaxTitle + 1), "b", null, null, null),
            Proposal.Validate("t", " ", null, null, null),
            Proposal.Validate("t", new string('b', Proposal.MaxBody + 1), null, null, null),
            Proposal.Validate("t", "b", new string('a', Proposal.MaxAddress + 1), null, null),
            Proposal.Validate("t", "b", null, 1, null),
            Proposal.Validate("t", "b", null, 91, 1),
            Proposal.Validate("t", "b", null, 1, 181),
            new ProposalSpace { Title = "" }.Validate(),
            new ProposalSpace { Title = "t", DescriptionMarkdown = new string('d', ProposalSpace.MaxDescription + 1) }.Validate(),
            new ProposalSpace { Title = "t", ThresholdCommitment = new string('d', ProposalSpace.MaxCommitment + 1) }.Validate(),
            new ProposalSpace { Title = "t", SupportThreshold = 0 }.Validate(),
            new ProposalSpace { Title = "t", OpensAt = DateTime.UtcNow, ClosesAt = DateTime.UtcNow.AddDays(-1) }.Validate(),
            "Pour proposer", "Pour soutenir",
        };
        texts.AddRange(Enum.GetValues<ProposalState>().Select(ProposalLabels.Of));
        texts.AddRange(Enum.GetValues<ProposalSort>().Select(ProposalLabels.Of));
        var missing = texts.Where(t => t is null || !keys.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "Missing from Resources/SharedResource.en.resx:\n" + string.Join("\n", missing));
    }
}
