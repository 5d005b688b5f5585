using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Identity;
using Parvis.Testing;
using Xunit.Abstractions;

namespace Parvis.Tests.Identity;

[Collection(PlatformAppCollection.Name)]
public class CensusTests(AppFixture fixture, ITestOutputHelper output)
{
    private readonly ParvisFactory _app = fixture.App;

    private Task<int> CountAsync<T>(Func<Parvis.Infrastructure.Data.ParvisDbContext, Task<T>> query) where T : notnull =>
        _app.InAAsync(async db => Convert.ToInt32(await query(db), System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_with_its_line_numbers_and_nothing_is_saved()
    {
        var admin = await _app.SignedInAsync("admin");
        var files = await CountAsync(db => db.CensusFiles.CountAsync());
        var entries = await CountAsync(db => db.CensusEntries.CountAsync());
        var page = await admin.UploadCensusAsync("""
            nom;prenoms;date_naissance;quartier
            DURAND;Paul;12/05/1970;Quartier de la Gare
            ;Anne;01/01/1980;
            LEROY;Marc;31/02/1990;
            PETIT;Zoé;1990-01-01;Quartier de la Lune
            """);
        var errors = page.Errors();
        Assert.Contains("Ligne 3 : nom manquant.", errors);
        Assert.Contains("Ligne 4 : date de naissance illisible (attendu JJ/MM/AAAA ou AAAA-MM-JJ).", errors);
        Assert.Contains("Ligne 5 : quartier « Quartier de la Lune » inconnu.", errors);
        Assert.DoesNotContain(errors, e => e.StartsWith("Ligne 2", StringComparison.Ordinal));

        page = await admin.UploadCensusAsync("nom,prenom\nDURAND,Paul\n");
        Assert.Contains(page.Errors(), e => e.Contains("Colonnes manquantes dans la première ligne : date_naissance", StringComparison.Ordinal));
        page = await admin.UploadCensusAsync("nom;prenoms;date_naissance\n", fileName: "vide.csv");
        Assert.Contains("Le fichier ne contient aucune personne.", page.Errors());

        Assert.Equal(files, await CountAsync(db => db.CensusFiles.CountAsync()));
        Assert.Equal(entries, await CountAsync(db => db.CensusEntries.CountAsync()));
        Assert.Equal(0, await CountAsync(db => db.AuditEntries.CountAsync(a => a.Action == "census.upload" && a.Details!.Contains("DURAND"))));
    }

    [Fact]
    public async Task The_uploaded_list_keeps_no_name_anywhere_in_the_database()
    {
        var family = IdentityData.UniqueName("ZYGO");
        var admin = await _app.SignedInAsync("admin");
        var page = await admin.UploadCensusAsync($"nom;prenoms;date_naissance\n{family};Philibertin;03/03/1933\n", CensusKind.Residents);
        Assert.Contains("Liste chargée : 1 personne.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);

        var texts = await _app.InAAsync(async db =>
        {
            var all = new List<string?>();
            all.AddRange(await db.CensusEntries.Select(e => e.Hash).ToListAsync());
            all.AddRange(await db.CensusFiles.Select(f => f.FileName).ToListAsync());
            all.AddRange(await db.AuditEntries.Select(a => a.Details).ToListAsync());
            return all;
        });
        Assert.DoesNotContain(texts, t => t is not null && (t.Contains(family, StringComparison.OrdinalIgnoreCase) || t.Contains("Philibertin", StringComparison.OrdinalIgnoreCase)));
        if (_app.Database.Provider == "Sqlite")
        {
            // Every byte the database wrote, pages and write-ahead log alike.
            var path = _app.Database.ConnectionString["Data Source=".Length..];
            foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                var bytes = copy.ToArray();
                foreach (var text in new[] { family, family.ToLowerInvariant(), "Philibertin", "PHILIBERTIN" })
                    Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)));
            }
        }
    }

    [Fact]
    public async Task A_match_verifies_the_quartier_the_electorship_and_the_age_bracket_but_keeps_no_birth_date()
    {
        var family = IdentityData.UniqueName("VALMONT");
        var admin = await _app.SignedInAsync("admin");
        await admin.UploadCensusAsync($"nom;prenoms;date_naissance;quartier\n\"{family}\";\"Éloïse Marie\";1990-05-17;les rives\n");
        var (citizen, email) = await _app.CitizenClientAsync();
        // Case, accents and the second given name do not matter.
        var page = await citizen.ReadAsync(await citizen.MatchCensusAsync(family.ToLowerInvariant(), "eloise", "1990-05-17"));
        Assert.Equal("Votre inscription sur la liste est vérifiée.", page.QuerySelector(".notice")!.TextContent);
        var badges = page.QuerySelectorAll(".badges li").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("habitant vérifié · Les Rives", badges);
        Assert.Contains("électeur", badges);
        Assert.Contains(AgeBrackets.From(new DateOnly(1990, 5, 17), DateOnly.FromDateTime(DateTime.UtcNow)).Label(), badges);

        var userId = await _app.UserIdAsync(email);
        var verification = await _app.InAAsync(db => db.Verifications.SingleAsync(v => v.UserId == userId));
        Assert.Equal(VerificationMethod.Census, verification.Method);
        Assert.StartsWith("Liste électorale du ", verification.Issuer, StringComparison.Ordinal);
        Assert.Equal(await _app.TerritoryIdAsync("Les Rives"), verification.ResidentTerritoryId);
        Assert.NotNull(verification.CensusFileId);
        Assert.DoesNotContain("1990", verification.Issuer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_on_a_list_without_quartier_lives_in_the_commune()
    {
        var family = IdentityData.UniqueName("SANSQUARTIER");
        var admin = await _app.SignedInAsync("admin");
        await admin.UploadCensusAsync($"nom,prenoms,date_naissance\n{family},Luc,02/02/2002\n", CensusKind.Residents);
        var (citizen, email) = await _app.CitizenClientAsync();
        await citizen.MatchCensusAsync(family, "Luc", "2002-02-02");
        var userId = await _app.UserIdAsync(email);
        var verification = await _app.InAAsync(db => db.Verifications.SingleAsync(v => v.UserId == userId));
        Assert.Equal(await _app.TerritoryIdAsync("Ville A"), verification.ResidentTerritoryId);
        Assert.False(verification.IsElector);
    }

    [Fact]
    public async Task An_electoral_list_loaded_after_the_residents_one_still_adds_electorship()
    {
        var family = IdentityData.UniqueName("DEUXLISTES");
        var admin = await _app.SignedInAsync("admin");
        await admin.UploadCensusAsync($"nom,prenoms,date_naissance,quartier\n{family},Inès,03/03/1983,Les Rives\n", CensusKind.Residents);
        var (citizen, email) = await _app.CitizenClientAsync();
        await citizen.MatchCensusAsync(family, "Inès", "1983-03-03");
        var userId = await _app.UserIdAsync(email);
        Assert.False(await _app.InAAsync(db => db.Verifications.AnyAsync(v => v.UserId == userId && v.IsElector)));

        await admin.UploadCensusAsync($"nom,prenoms,date_naissance,quartier\n{family},Inès,03/03/1983,Les Rives\n", CensusKind.Electoral);
        await citizen.MatchCensusAsync(family, "Inès", "1983-03-03");
        Assert.True(await _app.InAAsync(db => db.Verifications.AnyAsync(v => v.UserId == userId && v.IsElector && v.RevokedAt == null)));
    }

    [Fact]
    public async Task No_match_says_the_same_whichever_field_is_wrong_and_records_nothing()
    {
        var family = IdentityData.UniqueName("NOMATCH");
        var admin = await _app.SignedInAsync("admin");
        await admin.UploadCensusAsync($"nom;prenoms;date_naissance\n{family};Anne;10/10/1960\n");
        var (citizen, email) = await _app.CitizenClientAsync();
        var wrongDate = await citizen.ReadAsync(await citizen.MatchCensusAsync(family, "Anne", "1960-10-11"));
        var wrongName = await citizen.ReadAsync(await citizen.MatchCensusAsync(family + "X", "Anne", "1960-10-10"));
        var wrongGiven = await citizen.ReadAsync(await citizen.MatchCensusAsync(family, "Annie", "1960-10-10"));
        Assert.Equal([CensusModel.NoMatch], wrongDate.Errors());
        Assert.Equal(wrongDate.Errors(), wrongName.Errors());
        Assert.Equal(wrongDate.Errors(), wrongGiven.Errors());
        var userId = await _app.UserIdAsync(email);
        Assert.Equal(0, await CountAsync(db => db.Verifications.CountAsync(v => v.UserId == userId)));
    }

    [Fact]
    public async Task One_line_of_the_list_vouches_for_one_account_only()
    {
        var family = IdentityData.UniqueName("UNIQUE");
        var admin = await _app.SignedInAsync("admin");
        await admin.UploadCensusAsync($"nom;prenoms;date_naissance\n{family};Jean;05/05/1955\n");
        var (first, _) = await _app.CitizenClientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await first.MatchCensusAsync(family, "Jean", "1955-05-05")).StatusCode);
        // The same person again: nothing new.
        var again = await first.ReadAsync(await first.MatchCensusAsync(family, "Jean", "1955-05-05"));
        Assert.Equal("Votre inscription sur la liste est déjà vérifiée.", again.QuerySelector(".notice")!.TextContent);

        var (neighbour, email) = await _app.CitizenClientAsync();
        var page = await neighbour.ReadAsync(await neighbour.MatchCensusAsync(family, "Jean", "1955-05-05"));
        Assert.Contains(page.Errors(), e => e.Contains("déjà vérifiée sur un autre compte", StringComparison.Ordinal));
        var neighbourId = await _app.UserIdAsync(email);
        Assert.Equal(0, await CountAsync(db => db.Verifications.CountAsync(v => v.UserId == neighbourId)));
    }

    [Fact]
    public async Task A_new_list_replaces_the_old_one_and_can_revoke_only_what_the_old_one_verified()
    {
        var admin = await _app.SignedInAsync("admin");
        var (older, kept, newer) = (IdentityData.UniqueName("ANCIEN"), IdentityData.UniqueName("GARDE"), IdentityData.UniqueName("NOUVEAU"));
        await admin.UploadCensusAsync($"nom;prenoms;date_naissance\n{older};Ana;01/01/1971\n{kept};Bea;02/02/1972\n", CensusKind.Residents);
        var oldFile = await _app.InAAsync(db => db.CensusFiles.Where(f => f.Kind == CensusKind.Residents && f.ReplacedAt == null).Select(f => f.Id).SingleAsync());
        var (a, emailA) = await _app.CitizenClientAsync();
        await a.MatchCensusAsync(older, "Ana", "1971-01-01");
        // A verification of another list (the electoral one) and one in person must survive.
        var electoralName = IdentityData.UniqueName("ELECTEUR");
        await admin.UploadCensusAsync($"nom;prenoms;date_naissance\n{electoralName};Chloé;03/03/1973\n", CensusKind.Electoral);
        var (b, emailB) = await _app.CitizenClientAsync();
        await b.MatchCensusAsync(electoralName, "Chloé", "1973-03-03");

        var page = await admin.UploadCensusAsync($"nom;prenoms;date_naissance\n{kept};Bea;02/02/1972\n{newer};Dan;04/04/1974\n", CensusKind.Residents, revokeOld: true);
        Assert.Contains("1 vérification obtenue avec l'ancienne liste a été révoquée.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);

        var (userA, userB) = (await _app.UserIdAsync(emailA), await _app.UserIdAsync(emailB));
        var (revokedA, activeB, replaced, oldEntries, audit) = await _app.InAAsync(async db => (
            await db.Verifications.Where(v => v.UserId == userA).Select(v => v.RevokedReason).SingleAsync(),
            await db.Verifications.Where(v => v.UserId == userB).Select(v => v.RevokedAt).SingleAsync(),
            await db.CensusFiles.Where(f => f.Id == oldFile).Select(f => f.ReplacedAt).SingleAsync(),
            await db.CensusEntries.CountAsync(e => e.CensusFileId == oldFile),
            await db.AuditEntries.Where(x => x.Action == "census.upload").OrderByDescending(x => x.Id).Select(x => x.Details).FirstAsync()));
        Assert.StartsWith("Liste remplacée le ", revokedA, StringComparison.Ordinal);
        Assert.Null(activeB);
        Assert.NotNull(replaced);
        Assert.Equal(0, oldEntries);
        Assert.Contains("1 vérification révoquée", audit, StringComparison.Ordinal);

        // The old list no longer matches; the new one does.
        var (c, _) = await _app.CitizenClientAsync();
        Assert.Equal([CensusModel.NoMatch], (await c.ReadAsync(await c.MatchCensusAsync(older, "Ana", "1971-01-01"))).Errors());
        Assert.Equal(HttpStatusCode.Redirect, (await c.MatchCensusAsync(newer, "Dan", "1974-04-04")).StatusCode);
    }

    [Fact]
    public async Task The_list_of_Ville_A_never_matches_in_Ville_B()
    {
        var family = IdentityData.UniqueName("ISOLE");
        var admin = await _app.SignedInAsync("admin");
        await admin.UploadCensusAsync($"nom;prenoms;date_naissance\n{family};Iris;07/07/1977\n");
        var citizenB = _app.ClientFor(ParvisFactory.HostB);
        var emailB = await _app.NewCitizenAsync(_app.OrganizationB);
        await citizenB.LoginAsync(emailB);
        var page = await citizenB.ReadAsync(await citizenB.MatchCensusAsync(family, "Iris", "1977-07-07"));
        Assert.Equal([CensusModel.NoMatch], page.Errors());
        // B's administrator sees none of A's lists.
        var adminB = await _app.SignedInAsync("admin", ParvisFactory.HostB);
        var listsB = await adminB.GetDocumentAsync("/admin/identite/liste");
        Assert.DoesNotContain("liste.csv", listsB.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_thousand_rows_load_in_batches()
    {
        var csv = new StringBuilder("nom;prenoms;date_naissance;quartier\n");
        for (var i = 0; i < 50_000; i++)
            csv.Append("NOM").Append(Letters(i)).Append(";Prénom;").Append(new DateOnly(1940, 1, 1).AddDays(i % 20_000).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)).Append(i % 3 == 0 ? ";Les Rives\n" : ";\n");
        var admin = await _app.SignedInAsync("admin");
        var watch = Stopwatch.StartNew();
        var page = await admin.UploadCensusAsync(csv.ToString(), CensusKind.Residents, fileName: "cinquante-mille.csv");
        watch.Stop();
        output.WriteLine($"50,000 rows uploaded and stored in {watch.Elapsed.TotalSeconds:F1} s on {_app.Database.Provider}");
        var notice = page.QuerySelector(".notice")?.TextContent ?? string.Join(" | ", page.Errors());
        // The count is written the French way, "50 000", with a (narrow) no-break space.
        Assert.Contains("Liste chargée : 50000 personnes.", System.Text.RegularExpressions.Regex.Replace(notice, @"(\d)[\s\u202F\u00A0](\d)", "$1$2"), StringComparison.Ordinal);
        var file = await _app.InAAsync(db => db.CensusFiles.Where(f => f.FileName == "cinquante-mille.csv").Select(f => f.Id).SingleAsync());
        Assert.Equal(50_000, await CountAsync(db => db.CensusEntries.CountAsync(e => e.CensusFileId == file)));
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(2), $"50,000 rows took {watch.Elapsed}.");

        // Names are letters only (digits count as separators in the identity), so each row is a different person.
        static string Letters(int n)
        {
            var s = "";
            do
            {
                s = (char)('A' + (n % 26)) + s;
                n /= 26;
            }
            while (n > 0);
            return s;
        }
    }
}
