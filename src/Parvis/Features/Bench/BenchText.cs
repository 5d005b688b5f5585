using System.Text;

namespace Parvis.Features.Bench;

/// <summary>French text about local public projects, built from word lists and phrase templates, deterministic from the random source.</summary>
public static class BenchText
{
    public static readonly string[] Communes =
    [
        "Villeneuve-sur-Lot", "Saint-Aubin-les-Prés", "Montrevel", "Beaulieu-la-Forêt", "Champfleury", "Rochemaure",
        "Val-de-Brenne", "Pontcarré", "Sainte-Colombe", "Mirebeau", "Chantemerle", "Lusignac", "Bellegarde-en-Vallée",
        "Fontenay-le-Vieux", "Saint-Just-des-Vignes", "Clairvaux-sur-Mer", "Roquebrune-les-Pins", "Mont-Ardent",
        "Les Aubiers", "Vernon-sur-Saône",
    ];

    public static readonly string[] Quartiers =
    [
        "Centre-ville", "Quartier de la Gare", "Les Rives", "Bel-Air", "Les Coteaux", "Le Vieux Bourg",
        "Les Tilleuls", "Zone des Moulins",
    ];

    public static readonly string[] FirstNames =
    [
        "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Emma", "Sarah", "Lucie", "Claire", "Nathalie",
        "Sophie", "Isabelle", "Fatima", "Aïcha", "Hugo", "Lucas", "Louis", "Nathan", "Thomas", "Arthur", "Jules",
        "Gabriel", "Karim", "Mehdi", "Julien", "Nicolas", "Pierre", "Marc", "Antoine", "Yann", "Étienne", "François",
    ];

    public static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
        "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
        "Girard", "Haddad", "Benali", "Nguyen", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
    ];

    private static readonly string[] PseudonymWords =
    [
        "Vélo", "Riverain", "Habitante", "Piéton", "Jardinier", "Parent", "Marcheuse", "Citoyen", "Voisine", "Cycliste",
    ];

    private static readonly string[] Streets =
    [
        "rue Jean-Jaurès", "avenue de la République", "rue Victor-Hugo", "boulevard Gambetta", "place de la Mairie",
        "rue Pasteur", "chemin des Vignes", "rue du Moulin", "avenue Jean-Moulin", "quai de la Libération",
        "rue des Écoles", "place du Marché", "rue de la Paix", "allée des Tilleuls", "route de la Gare",
    ];

    private static readonly string[] Topics =
    [
        "la piste cyclable", "le parc", "l'école", "le marché", "le stationnement", "la voirie", "le carrefour",
        "les trottoirs", "l'éclairage public", "la cour d'école", "la médiathèque", "le terrain de sport",
        "l'arrêt de bus", "le square", "la place", "le parking vélo", "les jardins partagés", "la cantine",
    ];

    private static readonly string[] ConsultationSubjects =
    [
        "Réaménagement de {0}", "Plan vélo : {0}", "Rénovation de {0}", "Avenir de {0}", "Sécurisation de {0}",
        "Végétalisation de {0}", "Budget participatif : {0}", "Un nouveau projet pour {0}",
    ];

    private static readonly string[] ConsultationPlaces =
    [
        "la place de la Mairie", "l'avenue de la République", "l'école Jules-Ferry", "le parc des Rives",
        "la halle du marché", "la rue Victor-Hugo", "le quartier de la Gare", "la médiathèque", "les bords du canal",
        "la cour du collège", "le centre-bourg", "la zone des Moulins",
    ];

    private static readonly string[] Actions =
    [
        "Sécuriser", "Agrandir", "Végétaliser", "Rénover", "Éclairer", "Déplacer", "Élargir", "Réparer", "Créer",
        "Apaiser", "Ombrager", "Rendre accessible",
    ];

    private static readonly string[] Objects =
    [
        "le carrefour", "la piste cyclable", "les trottoirs", "le parking vélo", "l'arrêt de bus", "le passage piéton",
        "la cour de l'école", "les bancs du parc", "l'entrée du marché", "le square", "les toilettes publiques",
        "le stationnement", "la fontaine",
    ];

    private static readonly string[] Openers =
    [
        "Je pense qu'il faudrait", "Il serait bien de", "Je propose de", "Nous souhaitons", "Il est urgent de",
        "Pourquoi ne pas", "Les habitants demandent de", "Ce serait une bonne idée de", "Je ne suis pas sûr qu'il faille",
    ];

    private static readonly string[] Verbs =
    [
        "sécuriser", "élargir", "végétaliser", "réaménager", "éclairer", "rendre piéton", "réparer", "agrandir",
        "mieux entretenir", "rendre accessible aux poussettes et aux fauteuils", "ombrager",
    ];

    private static readonly string[] Reasons =
    [
        "les enfants y passent tous les matins pour aller à l'école",
        "les voitures roulent beaucoup trop vite",
        "l'été, il n'y a aucune ombre",
        "les personnes âgées ont du mal à traverser",
        "le marché du samedi attire beaucoup de monde",
        "il n'y a pas assez de places pour les vélos",
        "les commerces du quartier en profiteraient",
        "la nuit, l'endroit n'est pas rassurant",
        "les bus sont souvent bloqués à cet endroit",
        "les trottoirs sont encombrés par les poubelles",
    ];

    private static readonly string[] Closers =
    [
        "Merci de prendre en compte cet avis.", "C'est une demande ancienne des riverains.",
        "Une concertation avec les commerçants serait utile.", "Le budget pourrait venir du budget participatif.",
        "Plusieurs voisins partagent cet avis.", "Il faudrait aussi penser à l'entretien.",
        "Ce serait un vrai progrès pour le quartier.", "Attention toutefois au bruit pour les riverains.",
    ];

    private static readonly string[] CommentOpeners =
    [
        "Tout à fait d'accord", "Je ne suis pas d'accord", "Bonne idée", "C'est déjà le cas ailleurs", "Attention",
        "Oui, mais", "Je confirme", "Ce n'est pas si simple", "Excellente proposition", "Pas convaincu",
    ];

    private static readonly string[] FlagReasons =
    [
        "Propos injurieux.", "Hors sujet.", "Publicité.", "Contribution en double.", "Informations personnelles.",
    ];

    public static string Pseudonym(Random random, int n) =>
        $"{PseudonymWords[random.Next(PseudonymWords.Length)]}{Quartiers[random.Next(Quartiers.Length)].Split(' ')[^1]}{n}";

    public static string ConsultationTitle(Random random) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, ConsultationSubjects), Pick(random, ConsultationPlaces));

    public static string ContributionTitle(Random random) =>
        $"{Pick(random, Actions)} {Pick(random, Objects)} {Pick(random, Streets)}";

    public static string ContributionBody(Random random)
    {
        var text = new StringBuilder();
        var sentences = 2 + random.Next(4);
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0) text.Append(' ');
            if (i == sentences - 1 && sentences > 2) text.Append(Pick(random, Closers));
            else text.Append(Sentence(random));
        }
        return text.ToString();
    }

    public static string CommentBody(Random random) =>
        random.Next(3) == 0
            ? $"{Pick(random, CommentOpeners)} : {Pick(random, Reasons)}."
            : $"{Pick(random, CommentOpeners)}. {Sentence(random)}";

    public static string ConsultationSummary(Random random, string title) =>
        $"{title} : la commune vous consulte. {Sentence(random)}";

    public static string FlagReason(Random random) => Pick(random, FlagReasons);

    public static string Street(Random random) => Pick(random, Streets);

    private static string Sentence(Random random)
    {
        var opener = Pick(random, Openers);
        var verb = Pick(random, Verbs);
        // "de éclairer" is written "d'éclairer".
        var lead = opener.EndsWith(" de", StringComparison.Ordinal) && "aeéèiouy".Contains(char.ToLowerInvariant(verb[0]), StringComparison.Ordinal)
            ? $"{opener[..^1]}'{verb}"
            : $"{opener} {verb}";
        return $"{lead} {Pick(random, Topics)} {Pick(random, Streets)}, car {Pick(random, Reasons)}.";
    }

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
