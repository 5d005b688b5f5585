namespace Parvis.Domain;

/// <summary>
/// Tirage au sort: a panel drawn by lot from a pool under quotas (Features/Sortition). The pool and the quotas
/// are prepared by staff, then each round (the draw, then one per replacement) is committed — its files frozen
/// and the SHA-256 of its seed published — before it is run and its seed published, so anyone can re-run it.
/// </summary>
public class Draw : ITenantOwned
{
    public const int MaxTitle = 200;
    public const int MaxPanel = 1000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Title { get; set; }
    public int PanelSize { get; set; }
    public bool OnePerHousehold { get; set; }
    /// <summary>The features of the quotas, in their order, one per line.</summary>
    public string Features { get; set; } = "";
    /// <summary>The council the drawn people will sit on, when there is one (its members are appointed from the panel).</summary>
    public int? CouncilId { get; set; }
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> FeatureList => Features.Length == 0 ? [] : Features.Split('\n');

    public static Draw Create(string? title, int panelSize, bool onePerHousehold, DateTime now)
    {
        var draw = new Draw { Title = "", CreatedAt = now, OnePerHousehold = onePerHousehold };
        draw.Describe(title, panelSize);
        return draw;
    }

    public void Describe(string? title, int panelSize)
    {
        var trimmed = title?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new DomainException("Le titre est obligatoire.");
        if (trimmed.Length > MaxTitle) throw DomainException.WithValues("Le titre dépasse {0} caractères.", MaxTitle);
        if (panelSize is < 1 or > MaxPanel) throw DomainException.WithValues("La taille du panel doit être comprise entre 1 et {0}.", MaxPanel);
        Title = trimmed;
        PanelSize = panelSize;
    }
}

/// <summary>One person of a draw's pool: the pseudonymous code published, the name only staff see.</summary>
public class DrawPerson : ITenantOwned
{
    public const int MaxName = 200;
    public const int MaxValue = 100;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int DrawId { get; set; }
    /// <summary>Published: "P0001"… given in a random order, so that the code says nothing of the file's order.</summary>
    public required string Code { get; set; }
    public string Name { get; set; } = "";
    /// <summary>One value per feature of the draw, in its order, one per line.</summary>
    public string Values { get; set; } = "";
    /// <summary>Published instead of the address when one person per household is asked: "F0001"…</summary>
    public string? Household { get; set; }
    /// <summary>The round that selected the person.</summary>
    public int? SelectedInRound { get; set; }
    public DateTime? DeclinedAt { get; set; }
    /// <summary>When the person was seated on the draw's council (a mandate in the college chosen).</summary>
    public DateTime? SeatedAt { get; set; }

    public IReadOnlyList<string> ValueList => Values.Split('\n');

    public bool Sits => SelectedInRound is not null && DeclinedAt is null;
}

public class DrawQuota : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int DrawId { get; set; }
    public required string Feature { get; set; }
    public required string Value { get; set; }
    public int Min { get; set; }
    public int Max { get; set; }
}

/// <summary>
/// One round of a draw: the files it runs on (people.csv and quotas.csv exactly as published), the panel it
/// fills, the commitment, then the seed and the result once run. Number 1 is the draw; the next ones replace
/// people who declined, from the people never selected, with the quotas less those who sit.
/// </summary>
public class DrawRound : ITenantOwned
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public int DrawId { get; set; }
    public int Number { get; set; }
    public int PanelSize { get; set; }
    public required string PeopleCsv { get; set; }
    public required string QuotasCsv { get; set; }
    public required string AlgorithmVersion { get; set; }
    /// <summary>SHA-256 of the seed, published at <see cref="CommittedAt"/>.</summary>
    public required string Commitment { get; set; }
    /// <summary>Secret until <see cref="DrawnAt"/>: never shown before.</summary>
    public required string Seed { get; set; }
    public DateTime CommittedAt { get; set; }
    public DateTime? DrawnAt { get; set; }
    /// <summary>The selected codes, one per line.</summary>
    public string? Selected { get; set; }
    /// <summary>"code,probability" lines, in the pool's order.</summary>
    public string? Probabilities { get; set; }
    public double? Minimum { get; set; }
    public double? Maximum { get; set; }

    public bool IsDrawn => DrawnAt is not null;

    public IReadOnlyList<string> SelectedCodes => Selected is null or "" ? [] : Selected.Split('\n');
}
