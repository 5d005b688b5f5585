using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Identity;

public sealed record CensusUploadResult(CensusFile File, int Duplicates, int? ReplacedRows, int Revoked);

/// <summary>Why a census file was refused: the French lines the page lists. Nothing was saved.</summary>
public sealed class CensusFileRejectedException(IReadOnlyList<DomainException> problems) : Exception(string.Join(" ", problems.Select(p => p.Message)))
{
    public IReadOnlyList<DomainException> Problems { get; } = problems;

    public CensusFileRejectedException(string problem) : this([new DomainException(problem)]) { }
}

/// <summary>
/// Loads an electoral or resident list: each row becomes a salted hash (plus its quartier and the elector
/// flag), written in batches inside one transaction, so that memory stays flat on 50,000 rows and a bad row
/// leaves the current list untouched. The file itself is not kept.
/// </summary>
public sealed class CensusUploads(ParvisDbContext db, TenantContext tenant, AuditLog audit, TimeProvider clock, Infrastructure.Cluster.ICacheInvalidation caches)
{
    public const int BatchSize = 2000;
    private const int ProblemsShown = 10;

    public async Task<CensusUploadResult> UploadAsync(Stream content, string fileName, CensusKind kind, bool revokeOld, Guid uploadedBy)
    {
        try
        {
            return await LoadAsync(content, fileName, kind, revokeOld, uploadedBy);
        }
        catch (CensusFileRejectedException)
        {
            // The transaction rolled back; what the context still tracks of it must not be saved later.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private async Task<CensusUploadResult> LoadAsync(Stream content, string fileName, CensusKind kind, bool revokeOld, Guid uploadedBy)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var territories = await TerritoriesByNameAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var organization = await db.Organizations.Include(o => o.Hosts).SingleAsync(o => o.Id == tenant.OrganizationId);
        organization.Identity.CensusSalt ??= CensusIdentity.NewSalt();
        var salt = organization.Identity.CensusSalt;
        var file = new CensusFile { Kind = kind, FileName = Path.GetFileName(fileName) is { Length: > 0 } n ? n[..Math.Min(n.Length, 260)] : "liste.csv", UploadedAt = now, UploadedById = uploadedBy };
        db.CensusFiles.Add(file);
        await db.SaveChangesAsync();

        var problems = new List<DomainException>();
        var problemCount = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var rows = 0;
        var batch = new List<CensusEntry>(BatchSize);
        Columns? columns = null;
        try
        {
            await foreach (var row in CsvRows.ReadAsync(content))
            {
                if (columns is null)
                {
                    columns = Columns.Of(row.Fields, out var missing);
                    if (missing is not null)
                        throw new CensusFileRejectedException([DomainException.WithValues("Colonnes manquantes dans la première ligne : {0} (attendu : nom ; prenoms ; date_naissance ; quartier facultatif).", missing)]);
                    continue;
                }
                var problem = Parse(row, columns, territories, out var family, out var given, out var birth, out var territoryId, out var unknown);
                if (problem is not null)
                {
                    if (++problemCount <= ProblemsShown) problems.Add(DomainException.WithValues("Ligne {0} : " + problem, row.Line, unknown));
                    continue;
                }
                if (problemCount > 0) continue;
                var hash = CensusIdentity.Hash(salt, family, given, birth);
                if (!seen.Add(hash))
                {
                    duplicates++;
                    continue;
                }
                rows++;
                batch.Add(new CensusEntry { CensusFileId = file.Id, Hash = hash, TerritoryId = territoryId, IsElector = kind == CensusKind.Electoral });
                if (batch.Count == BatchSize) await FlushAsync(batch);
            }
        }
        catch (DecoderFallbackException)
        {
            throw new CensusFileRejectedException("Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » depuis le tableur.");
        }
        if (columns is null) throw new CensusFileRejectedException("Le fichier est vide.");
        if (problemCount > ProblemsShown) problems.Add(DomainException.WithValues(Plurals.Pick(problemCount - ProblemsShown, "… et {0} autre ligne en erreur.", "… et {0} autres lignes en erreur."), problemCount - ProblemsShown));
        if (problems.Count > 0) throw new CensusFileRejectedException(problems);
        if (rows == 0) throw new CensusFileRejectedException("Le fichier ne contient aucune personne.");
        await FlushAsync(batch);

        // The list this one replaces: its entries go, and what was verified with it may go too.
        var old = await db.CensusFiles.SingleOrDefaultAsync(f => f.Kind == kind && f.ReplacedAt == null && f.Id != file.Id);
        var revoked = 0;
        if (old is not null)
        {
            old.ReplacedAt = now;
            await db.CensusEntries.Where(e => e.CensusFileId == old.Id).ExecuteDeleteAsync();
            if (revokeOld)
            {
                var reason = $"Liste remplacée le {organization.ToLocal(now):dd/MM/yyyy}";
                revoked = await db.Verifications.Where(v => v.CensusFileId == old.Id && v.RevokedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.RevokedAt, now).SetProperty(v => v.RevokedReason, reason));
            }
        }
        file = await db.CensusFiles.SingleAsync(f => f.Id == file.Id);
        file.RowCount = rows;
        audit.Record("census.upload", nameof(CensusFile), file.Id,
            $"{Label(kind)} : {rows} {Plurals.French(rows, "personne", "personnes")}, {duplicates} {Plurals.French(duplicates, "doublon ignoré", "doublons ignorés")}"
            + (old is null ? "" : $" ; remplace la liste n° {old.Id} ({old.RowCount} {Plurals.French(old.RowCount, "personne", "personnes")})")
            + (revokeOld && old is not null ? $" ; {revoked} {Plurals.French(revoked, "vérification révoquée", "vérifications révoquées")}" : ""));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await TenantMiddleware.ForgetAsync(caches, organization.HostNames());
        return new CensusUploadResult(file, duplicates, old?.RowCount, revoked);
    }

    public static string Label(CensusKind kind) => kind == CensusKind.Electoral ? "Liste électorale" : "Liste des habitants";

    // Entries go straight to the database and out of the change tracker: memory holds one batch at a time.
    private async Task FlushAsync(List<CensusEntry> batch)
    {
        if (batch.Count == 0) return;
        db.CensusEntries.AddRange(batch);
        await db.SaveChangesAsync();
        foreach (var entry in batch) db.Entry(entry).State = EntityState.Detached;
        batch.Clear();
    }

    private async Task<Dictionary<string, int>> TerritoriesByNameAsync()
    {
        var all = await db.Territories.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in all) byName.TryAdd(Fold(t.Name), t.Id);
        return byName;
    }

    /// <summary>"Quartier de la Gare", "quartier de la gare", "QUARTIER DE LA GARE " are one name.</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Trim().Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(ch));
        return string.Join(' ', sb.ToString().Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? Parse(CsvRow row, Columns c, Dictionary<string, int> territories, out string family, out string given, out DateOnly birth, out int? territoryId, out string? unknown)
    {
        string Field(int index) => index < row.Fields.Count ? row.Fields[index].Trim() : "";
        family = Field(c.Family);
        given = Field(c.Given);
        birth = default;
        territoryId = null;
        unknown = null;
        if (family.Length == 0) return "nom manquant.";
        if (given.Length == 0) return "prénoms manquants.";
        if (family.Length > 200 || given.Length > 200) return "nom ou prénoms trop longs.";
        var date = Field(c.Birth);
        if (!DateOnly.TryParseExact(date, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out birth))
            return "date de naissance illisible (attendu JJ/MM/AAAA ou AAAA-MM-JJ).";
        if (c.Territory is { } t && Field(t) is { Length: > 0 } name)
        {
            if (!territories.TryGetValue(Fold(name), out var id))
            {
                unknown = name.Length > 60 ? name[..60] + "…" : name;
                return "quartier « {1} » inconnu.";
            }
            territoryId = id;
        }
        return null;
    }

    private sealed record Columns(int Family, int Given, int Birth, int? Territory)
    {
        public static Columns? Of(IReadOnlyList<string> header, out string? missing)
        {
            var names = header.Select(h => Fold(h).Replace(' ', '_')).ToList();
            int Find(params string[] accepted) => names.FindIndex(accepted.Contains);
            var family = Find("nom", "nom_de_famille");
            var given = Find("prenoms", "prenom");
            var birth = Find("date_naissance", "date_de_naissance");
            var territory = Find("quartier");
            var absent = new List<string>();
            if (family < 0) absent.Add("nom");
            if (given < 0) absent.Add("prenoms");
            if (birth < 0) absent.Add("date_naissance");
            missing = absent.Count == 0 ? null : string.Join(", ", absent);
            return missing is null ? new Columns(family, given, birth, territory < 0 ? null : territory) : new Columns(0, 0, 0, null);
        }
    }
}
