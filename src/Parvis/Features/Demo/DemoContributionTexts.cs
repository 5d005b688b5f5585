namespace Parvis.Features.Demo;

/// <summary>
/// Contributions as residents write them about a town centre, on six subjects, each text put together from a
/// subject's sentences and a few words everyone uses: the demo's synthesis consultation, the grouping tests and
/// bench/Synthesis read them. <see cref="Campaign"/> is the text an association asked its members to post.
/// </summary>
public static class DemoContributionTexts
{
    public const string Campaign = "Nous demandons une vraie piste cyclable protégée sur le boulevard Gambetta, "
        + "séparée des voitures, pour que nos enfants puissent aller à l'école à vélo en sécurité.";

    public static readonly string[] Subjects = ["vélo", "arbres", "stationnement", "éclairage", "jeux", "propreté"];

    private static readonly string[][] Sentences =
    [
        [
            "Il faudrait plus de pistes cyclables dans le centre.", "Les cyclistes ne sont pas en sécurité rue Nationale.",
            "Des arceaux pour garer les vélos devant les commerces seraient bienvenus.",
            "Je vais au travail à vélo et les bandes cyclables s'arrêtent brutalement.",
            "Un double sens cyclable rue Carnot rendrait service.", "Les pistes cyclables sont trop étroites.",
            "Il manque un garage à vélos sécurisé près de la gare.", "Faire du vélo avec mon fils est dangereux ici.",
        ],
        [
            "Il faut planter des arbres sur l'esplanade du marché.", "L'été, l'esplanade est une fournaise sans ombre.",
            "Végétaliser les trottoirs créerait des îlots de fraîcheur.", "Les arbres abattus n'ont jamais été remplacés.",
            "Un parc avec de grands arbres manque au quartier.", "Pendant la canicule on cherche l'ombre des arbres.",
            "Des plantations et des jardins partagés embelliraient les rues.", "Remplacez le béton par de la verdure.",
        ],
        [
            "Il n'y a plus assez de places de stationnement pour les commerçants.", "Le parking de l'hôpital est toujours plein.",
            "Le stationnement payant fait fuir les clients des commerces.", "Les livraisons bloquent la rue faute de places.",
            "Je tourne vingt minutes pour garer ma voiture.", "Un parking relais à l'entrée de la ville éviterait les voitures.",
            "Les places pour les personnes handicapées sont occupées par des voitures.", "Le stationnement en double file bloque la circulation.",
        ],
        [
            "L'éclairage public est insuffisant la nuit rue Pasteur.", "Les lampadaires de l'avenue sont éteints depuis des mois.",
            "Le soir, sans éclairage, on se sent en insécurité.", "Il faudrait éclairer le passage sous la voie ferrée.",
            "Des lampadaires à détection de présence économiseraient l'énergie.", "La nuit le chemin du cimetière est très sombre.",
            "Un meilleur éclairage des passages piétons éviterait des accidents.", "Les rues mal éclairées inquiètent les habitants.",
        ],
        [
            "Une aire de jeux pour les enfants manque dans le quartier.", "Les jeux du square sont cassés et dangereux.",
            "Les familles voudraient des jeux pour les petits près de l'école.", "Le toboggan du square est rouillé.",
            "Un terrain de jeux pour les adolescents, avec un city stade.", "Des bancs près des jeux pour les parents.",
            "Les enfants jouent dans la rue faute d'aire de jeux.", "Refaire le sol de l'aire de jeux, il est abîmé.",
        ],
        [
            "Les poubelles débordent le week-end devant la mairie.", "Trop de dépôts sauvages de déchets derrière le gymnase.",
            "Il faudrait plus de poubelles et de conteneurs de tri.", "Le nettoyage des rues est trop rare.",
            "Les déchets s'accumulent près des conteneurs de la résidence.", "Des crottes de chien partout, il faut des sacs.",
            "Le ramassage des encombrants devrait être plus fréquent.", "Installer des poubelles de tri sur le quai.",
        ],
    ];

    private static readonly string[] Openings =
    [
        "", "", "Bonjour, ", "À mon avis, ", "Habitante du quartier depuis vingt ans : ", "Franchement, ", "Je pense que ",
    ];

    private static readonly string[] Closings = ["", "", "", " Merci de nous écouter.", " C'est urgent.", " Merci."];

    /// <summary>A contribution on subject <paramref name="subject"/> (an index into <see cref="Subjects"/>).</summary>
    public static string Write(Random random, int subject)
    {
        var sentences = Sentences[subject];
        var first = random.Next(sentences.Length);
        var second = (first + 1 + random.Next(sentences.Length - 1)) % sentences.Length;
        var opening = Openings[random.Next(Openings.Length)];
        var text = opening.Length == 0 ? sentences[first] : opening + Lower(sentences[first]);
        if (random.Next(3) > 0) text += " " + sentences[second];
        return text + Closings[random.Next(Closings.Length)];
    }

    /// <summary>The campaign's text as a member posted it: mostly as given, sometimes signed or with a word of their own.</summary>
    public static string CampaignCopy(Random random, int member) => random.Next(5) switch
    {
        0 => Campaign + " " + (member % 2 == 0 ? "Merci." : "Cordialement."),
        1 => Campaign.ToUpperInvariant(),
        _ => Campaign,
    };

    private static string Lower(string sentence) => char.ToLowerInvariant(sentence[0]) + sentence[1..];
}
