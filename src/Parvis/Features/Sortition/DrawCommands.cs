using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Identity;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Sortition;

/// <summary>
/// What staff do with a draw: create it, import its quotas then its pool (while no round is committed), commit a
/// round (files frozen, seed hashed and published), run it (seed published), record that a selected person
/// declined, and commit a replacement round. Each command checks first, writes its audit entry and saves once.
/// </summary>
public sealed class DrawCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxPoolRows = 20_000;
    public const int MaxQuotaRows = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Draw> CreateAsync(string? title, int panelSize, bool onePerHousehold)
    {
        var draw = Draw.Create(title, panelSize, onePerHousehold, Now);
        db.Draws.Add(draw);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record("draw.create", nameof(Draw), draw.Id, draw.Title);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return draw;
    }

    public async Task<Draw> FindAsync(int id) =>
        await db.Draws.SingleOrDefaultAsync(d => d.Id == id) ?? throw new DomainException("Ce tirage n'existe pas.");

    public async Task UpdateAsync(int id, string? title, int panelSize)
    {
        var draw = await PreparingAsync(id);
        draw.Describe(title, panelSize);
        audit.Record("draw.update", nameof(Draw), id, draw.Title);
        await db.SaveChangesAsync();
    }

    public async Task<int> ImportQuotasAsync(int id, Stream file)
    {
        var draw = await PreparingAsync(id);
        var quotas = await SortitionFiles.ReadQuotasAsync(file);
        if (quotas.Count > MaxQuotaRows) throw DomainException.WithValues("Le fichier des quotas dépasse {0} lignes.", MaxQuotaRows);
        foreach (var quota in quotas)
        {
            CheckText(quota.Feature, "caractéristique");
            CheckText(quota.Value, "valeur");
            if (!char.IsLetterOrDigit(quota.Feature[0]) || quota.Feature.IndexOfAny([',', ';', '"', '\n', '\r']) >= 0)
                throw DomainException.WithValues("Le nom de caractéristique « {0} » doit commencer par une lettre ou un chiffre et ne contenir ni virgule, ni point-virgule, ni guillemet.", quota.Feature);
            if (quota.Min > quota.Max) throw DomainException.WithValues("Le quota {0} doit avoir 0 ≤ min ≤ max.", quota.Describe());
        }
        var duplicate = quotas.GroupBy(q => (q.Feature, q.Value)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw DomainException.WithValues("Le quota {0}={1} figure deux fois.", duplicate.Key.Feature, duplicate.Key.Value);
        var features = string.Join('\n', SortitionFiles.FeaturesOf(quotas));
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.DrawQuotas.Where(q => q.DrawId == id).ExecuteDeleteAsync();
        // Other features: the pool imported for the old ones no longer fits.
        if (features != draw.Features) await db.DrawPeople.Where(p => p.DrawId == id).ExecuteDeleteAsync();
        draw.Features = features;
        db.DrawQuotas.AddRange(quotas.Select(q => new DrawQuota { DrawId = id, Feature = q.Feature, Value = q.Value, Min = q.Min, Max = q.Max }));
        audit.Record("draw.quotas", nameof(Draw), id, FormattableString.Invariant($"{quotas.Count} quotas"));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return quotas.Count;
    }

    /// <summary>The pool: a column per feature of the quotas, <c>nom</c> (kept for staff) and, with one person per
    /// household, <c>adresse</c> (turned into a household code). Codes are given in a random order.</summary>
    public async Task<int> ImportPoolAsync(int id, Stream file)
    {
        var draw = await PreparingAsync(id);
        var features = draw.FeatureList;
        if (features.Count == 0) throw new DomainException("Importez d'abord les quotas : ils disent quelles colonnes lire.");
        var rows = new List<(string Name, string[] Values, string? Address)>();
        int[] columns = [];
        int name = -1, address = -1;
        var header = true;
        await foreach (var row in ReadRows(file))
        {
            var fields = row.Fields.Select(f => f.Trim()).ToArray();
            if (header)
            {
                var keys = fields.Select(f => f.ToLowerInvariant()).ToList();
                var missing = features.Where(f => !keys.Contains(f.ToLowerInvariant())).ToList();
                if (draw.OnePerHousehold && !keys.Contains("adresse")) missing.Add("adresse");
                if (missing.Count > 0) throw DomainException.WithValues("Colonnes manquantes dans le fichier du vivier : {0}.", string.Join(", ", missing));
                columns = [.. features.Select(f => keys.IndexOf(f.ToLowerInvariant()))];
                (name, address, header) = (keys.IndexOf("nom"), keys.IndexOf("adresse"), false);
                continue;
            }
            if (rows.Count == MaxPoolRows) throw DomainException.WithValues("Le vivier dépasse {0} personnes.", MaxPoolRows);
            string Cell(int c) => c >= 0 && c < fields.Length ? fields[c] : "";
            var values = columns.Select(Cell).ToArray();
            foreach (var value in values) CheckText(value, "valeur", row.Line);
            if (Cell(name).Length > DrawPerson.MaxName) throw DomainException.WithValues("Ligne {0} : le nom dépasse {1} caractères.", row.Line, DrawPerson.MaxName);
            if (draw.OnePerHousehold && Cell(address).Length == 0) throw DomainException.WithValues("Ligne {0} : l'adresse est vide.", row.Line);
            rows.Add((Cell(name), values, draw.OnePerHousehold ? Cell(address) : null));
        }
        if (header) throw new DomainException("Le fichier du vivier est vide.");
        if (rows.Count == 0) throw new DomainException("Le fichier du vivier ne contient aucune personne.");
        var quotas = await db.DrawQuotas.Where(q => q.DrawId == id).OrderBy(q => q.Id).ToListAsync();
        new SortitionProblem(features, [.. rows.Select((r, i) => new PoolPerson("ligne " + (i + 2), r.Values))], Quotas(quotas), 1).Validate();
        var order = Enumerable.Range(0, rows.Count).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        var households = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.DrawPeople.Where(p => p.DrawId == id).ExecuteDeleteAsync();
        for (var k = 0; k < order.Length; k++)
        {
            var (personName, values, personAddress) = rows[order[k]];
            string? household = null;
            if (personAddress is not null)
            {
                var key = PanelGroups.HouseholdKey(personAddress);
                if (!households.TryGetValue(key, out household)) households[key] = household = FormattableString.Invariant($"F{households.Count + 1:D4}");
            }
            db.DrawPeople.Add(new DrawPerson { DrawId = id, Code = FormattableString.Invariant($"P{k + 1:D4}"), Name = personName, Values = string.Join('\n', values), Household = household });
        }
        audit.Record("draw.pool", nameof(Draw), id, FormattableString.Invariant($"{rows.Count} personnes"));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return rows.Count;
    }

    /// <summary>Freezes the next round's files and publishes the SHA-256 of its seed (typed, or 128 random bits).</summary>
    public async Task<DrawRound> CommitAsync(int id, string? seed)
    {
        var draw = await FindAsync(id);
        var rounds = await db.DrawRounds.Where(r => r.DrawId == id).OrderBy(r => r.Number).ToListAsync();
        if (rounds.Count > 0 && !rounds[^1].IsDrawn) throw new DomainException("Le tour engagé n'a pas encore été tiré.");
        var people = await db.DrawPeople.Where(p => p.DrawId == id).OrderBy(p => p.Code).ToListAsync();
        var quotas = await db.DrawQuotas.Where(q => q.DrawId == id).OrderBy(q => q.Id).ToListAsync();
        if (people.Count == 0 || quotas.Count == 0) throw new DomainException("Importez les quotas et le vivier avant d'engager le tirage.");
        var files = RoundFiles.For(draw, people, quotas, first: rounds.Count == 0);
        if (files.PanelSize == 0) throw new DomainException("Le panel est complet : personne n'est à remplacer.");
        FairDraw.EnsureFeasible(await files.ProblemAsync());
        seed = string.IsNullOrWhiteSpace(seed) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : seed.Trim();
        if (seed.Length > 200 || !seed.All(c => char.IsAsciiLetterOrDigit(c) || " ._:/,-".Contains(c, StringComparison.Ordinal)))
            throw new DomainException("La graine tient en 200 caractères : lettres sans accent, chiffres, espaces et . _ : / , - seulement.");
        var round = new DrawRound
        {
            DrawId = id,
            Number = rounds.Count + 1,
            PanelSize = files.PanelSize,
            PeopleCsv = files.People,
            QuotasCsv = files.Quotas,
            // A replacement round draws as the first one did, so that the whole draw follows one published rule.
            AlgorithmVersion = rounds.Count == 0 ? FairDraw.AlgorithmVersion : rounds[0].AlgorithmVersion,
            Commitment = LotteryRandom.Commitment(seed),
            Seed = seed,
            CommittedAt = Now,
        };
        db.DrawRounds.Add(round);
        audit.Record("draw.commit", nameof(Draw), id, FormattableString.Invariant($"tour {round.Number} : empreinte {round.Commitment[..16]}…"));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two commits at once: the unique (draw, number) keeps the first one.
            throw new DomainException("Un autre tour vient d'être engagé : rechargez la page.");
        }
        return round;
    }

    /// <summary>Runs the committed round on its frozen files, exactly as the command would, and publishes the seed.</summary>
    public async Task<DrawRound> RunAsync(int id)
    {
        var draw = await FindAsync(id);
        var round = await db.DrawRounds.Where(r => r.DrawId == id).OrderByDescending(r => r.Number).FirstOrDefaultAsync();
        if (round is null || round.IsDrawn) throw new DomainException("Engagez d'abord un tour : sa graine doit être annoncée avant le tirage.");
        var problem = await new RoundFiles(round.PeopleCsv, round.QuotasCsv, round.PanelSize, draw.OnePerHousehold).ProblemAsync();
        var result = FairDraw.Run(problem, round.Seed, round.AlgorithmVersion);
        var people = await db.DrawPeople.Where(p => p.DrawId == id).ToDictionaryAsync(p => p.Code);
        foreach (var code in result.Selected) people[code].SelectedInRound = round.Number;
        round.DrawnAt = Now;
        round.Selected = string.Join('\n', result.Selected);
        round.Probabilities = string.Join('\n', problem.People.Select((p, i) => p.Id + "," + SortitionCommand.Probability(result.Probabilities[i])));
        (round.Minimum, round.Maximum) = (result.Minimum, result.Maximum);
        audit.Record("draw.run", nameof(Draw), id, FormattableString.Invariant($"tour {round.Number} : {result.Selected.Count} personnes"));
        await db.SaveChangesAsync();
        return round;
    }

    public async Task DeclineAsync(int id, int personId)
    {
        await FindAsync(id);
        var person = await db.DrawPeople.SingleOrDefaultAsync(p => p.Id == personId && p.DrawId == id)
            ?? throw new DomainException("Cette personne n'est pas dans le vivier de ce tirage.");
        if (!person.Sits) throw new DomainException("Seule une personne tirée et qui siège peut se désister.");
        person.DeclinedAt = Now;
        audit.Record("draw.decline", nameof(Draw), id, person.Code);
        await db.SaveChangesAsync();
    }

    private async Task<Draw> PreparingAsync(int id)
    {
        var draw = await FindAsync(id);
        if (await db.DrawRounds.AnyAsync(r => r.DrawId == id))
            throw new DomainException("Le tirage est engagé : son vivier, ses quotas et sa taille ne peuvent plus changer.");
        return draw;
    }

    internal static List<Quota> Quotas(IEnumerable<DrawQuota> quotas) => [.. quotas.Select(q => new Quota(q.Feature, q.Value, q.Min, q.Max))];

    private static void CheckText(string text, string what, int? line = null)
    {
        if (text.Length == 0) throw line is null ? DomainException.WithValues("Une {0} est vide.", what) : DomainException.WithValues("Ligne {0} : une valeur est vide.", line);
        if (text.Length > DrawPerson.MaxValue || text.Contains('\n', StringComparison.Ordinal))
            throw DomainException.WithValues("La {0} « {1} » est trop longue ou tient sur plusieurs lignes.", what, text[..Math.Min(text.Length, 40)]);
    }

    private static async IAsyncEnumerable<CsvRow> ReadRows(Stream file)
    {
        await using var rows = CsvRows.ReadAsync(file).GetAsyncEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = await rows.MoveNextAsync();
            }
            catch (DecoderFallbackException)
            {
                throw new DomainException("Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » depuis le tableur.");
            }
            if (!more) yield break;
            yield return rows.Current;
        }
    }
}
