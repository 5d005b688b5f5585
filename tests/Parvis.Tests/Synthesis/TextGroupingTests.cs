using Parvis.Features.Demo;
using Parvis.Features.Synthesis;

namespace Parvis.Tests.Synthesis;

/// <summary>The grouping engine on French texts whose subjects are known: groups must not mix them.</summary>
public sealed class TextGroupingTests
{
    private static (List<GroupedText> Texts, Dictionary<int, int> Subject) Generated(int perSubject, int seed = 3)
    {
        var random = new Random(seed);
        var texts = new List<GroupedText>();
        var subject = new Dictionary<int, int>();
        for (var i = 0; i < perSubject * DemoContributionTexts.Subjects.Length; i++)
        {
            var s = i % DemoContributionTexts.Subjects.Length;
            texts.Add(new GroupedText(i + 1, DemoContributionTexts.Write(random, s)));
            subject[i + 1] = s;
        }
        return (texts, subject);
    }

    [Fact]
    public void Each_group_holds_one_subject_and_every_subject_is_found()
    {
        var (texts, subject) = Generated(60);
        var result = TextGrouping.Compute(texts);
        Assert.Empty(result.Ungrouped);
        Assert.Equal(texts.Count, result.Groups.Sum(g => g.Size));
        foreach (var group in result.Groups)
        {
            var main = group.Members.GroupBy(id => subject[id]).Max(g => g.Count());
            Assert.True(main >= 0.9 * group.Size, $"group {group.Number} ({string.Join(", ", group.KeyWords)}) mixes subjects");
        }
        var found = result.Groups.Select(g => g.Members.GroupBy(id => subject[id]).MaxBy(x => x.Count())!.Key).Distinct();
        Assert.Equal(DemoContributionTexts.Subjects.Length, found.Count());
    }

    [Fact]
    public void Handwritten_contributions_on_two_subjects_are_told_apart()
    {
        string[] bikes =
        [
            "Il faut des pistes cyclables séparées des voitures avenue Foch.",
            "Les cyclistes risquent leur vie sur le pont, une piste cyclable s'impose.",
            "Je voudrais aller au lycée à vélo mais la piste cyclable s'arrête au rond-point.",
            "Des parkings à vélos couverts devant la médiathèque, s'il vous plaît.",
            "Mettre l'avenue Victor-Hugo en double sens cyclable pour les vélos.",
            "Les vélos n'ont aucun espace sur le boulevard, créez une piste cyclable.",
        ];
        string[] waste =
        [
            "Les poubelles du marché débordent chaque dimanche.",
            "Des dépôts sauvages de déchets s'entassent derrière la salle des fêtes.",
            "Plus de conteneurs de tri, et des poubelles vidées plus souvent.",
            "Le ramassage des déchets verts ne passe jamais dans notre lotissement.",
            "Les déchets et les poubelles renversées attirent les rats.",
            "Installer des poubelles de tri près des bancs du parc.",
        ];
        var texts = bikes.Concat(waste).Select((t, i) => new GroupedText(i, t)).ToList();
        var result = TextGrouping.Compute(texts);
        var bikeGroup = result.Groups.Single(g => g.Members.Contains(0));
        Assert.DoesNotContain(bikeGroup.Members, id => id >= bikes.Length);
        Assert.True(bikeGroup.Members.Count >= 4, "most bicycle texts belong together");
    }

    [Fact]
    public void A_campaign_posted_many_times_is_one_text_with_its_count()
    {
        var (texts, _) = Generated(20);
        var withoutCampaign = TextGrouping.Compute(texts).Distinct;
        var random = new Random(5);
        for (var m = 0; m < 80; m++)
            texts.Add(new GroupedText(1000 + m, DemoContributionTexts.CampaignCopy(random, m)));
        texts.Add(new GroupedText(2000, DemoContributionTexts.Campaign.Replace("Gambetta", "Gambetta, vite", StringComparison.Ordinal)));
        var result = TextGrouping.Compute(texts);
        var copies = result.Groups.SelectMany(g => g.Copies).Single(c => c.Id == 1000);
        Assert.Equal(81, copies.Count);
        Assert.Equal(withoutCampaign + 1, result.Distinct);
        var group = result.Groups.Single(g => g.Members.Contains(1000));
        Assert.Contains(2000, group.Members);
        Assert.Equal(group.Members.Count, group.Size);
    }

    [Fact]
    public void Different_texts_sharing_a_few_words_are_not_copies()
    {
        var texts = new List<GroupedText>
        {
            new(1, "Il faut planter des arbres sur la place du marché pour avoir de l'ombre."),
            new(2, "Il faut planter des arbres dans la cour de l'école pour les enfants."),
            new(3, "Il faut planter des arbres sur la place du marché pour avoir de l'ombre !"),
        };
        var result = TextGrouping.Compute(texts);
        var copies = result.Groups.SelectMany(g => g.Copies).ToList();
        Assert.Equal([new TextCopy(1, 2)], copies);
        Assert.Equal(2, result.Distinct);
    }

    [Fact]
    public void Key_words_count_a_word_and_its_inflections_once_and_show_them_as_written()
    {
        var texts = new List<GroupedText>();
        for (var i = 0; i < 12; i++)
            texts.Add(new GroupedText(i, i % 2 == 0 ? $"Des vélos partout, rue n° {i}, des vélos !" : $"Un vélo de plus rue {i} et un arceau"));
        for (var i = 12; i < 24; i++) texts.Add(new GroupedText(i, $"Éclairage des rues le soir, lampadaires en panne ({i})"));
        var result = TextGrouping.Compute(texts);
        var bikes = result.Groups.Single(g => g.Members.Contains(0));
        Assert.Single(bikes.KeyWords, w => w.StartsWith("vélo", StringComparison.Ordinal));
        Assert.Equal("vélos", bikes.KeyWords[0]);
        Assert.DoesNotContain(bikes.KeyWords, w => w is "des" or "de" or "un");
    }

    [Fact]
    public void Texts_without_a_meaningful_word_are_counted_apart_and_nothing_breaks_on_tiny_input()
    {
        Assert.Empty(TextGrouping.Compute([]).Groups);
        var result = TextGrouping.Compute([new GroupedText(1, "Et vous ?"), new GroupedText(2, "!!!"), new GroupedText(3, "Des arbres.")]);
        Assert.Equal([1, 2], result.Ungrouped);
        Assert.Equal([3], Assert.Single(result.Groups).Members);
    }

    [Fact]
    public void The_same_texts_give_the_same_groups_and_progress_reaches_100()
    {
        var (texts, _) = Generated(30);
        var seen = new List<int>();
        var first = TextGrouping.Compute(texts, seen.Add);
        var second = TextGrouping.Compute(texts);
        Assert.Equal(first.Groups.Select(g => g.Members), second.Groups.Select(g => g.Members));
        Assert.Equal(100, seen[^1]);
        Assert.Equal(seen.Order(), seen);
    }
}
