using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Bench;

public sealed record BenchTableResult(string Table, long Rows, TimeSpan Elapsed);

/// <summary>What a benchmark needs to find in the generated data.</summary>
public sealed record BenchResult(int BusiestConsultationId, int BusyThreadContributionId, int Org01QuartierId, IReadOnlyList<BenchTableResult> Tables, TimeSpan Elapsed);

/// <summary>Fills an empty database with the bench organizations: small tables through EF, large ones through the <see cref="BulkWriter"/>.</summary>
public static class BenchGenerator
{
    public const string Password = "bench-parvis-2026";

    public static string HostOf(int number) => $"org{number:00}.bench.localhost";

    public static async Task<BenchResult> RunAsync(IServiceProvider services, double scale, int seed, TextWriter log)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<ParvisDbContext>();
        if (await db.Organizations.AnyAsync())
            throw new DomainException("La base contient déjà des organisations : le générateur ne remplit qu'une base vide (créez-en une nouvelle).");

        var total = Stopwatch.StartNew();
        var tables = new List<BenchTableResult>();
        async Task<T> Timed<T>(string table, Func<Task<T>> work, Func<T, long> rows)
        {
            var watch = Stopwatch.StartNew();
            var result = await work();
            tables.Add(new BenchTableResult(table, rows(result), watch.Elapsed));
            log.WriteLine($"{table,-20} {rows(result),10:N0} rows  {watch.Elapsed.TotalSeconds,8:F1} s");
            return result;
        }

        // Dates are relative to the time of generation, so the busiest consultation is open whenever it is generated.
        var now = DateTime.UtcNow;
        now = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
        var plan = await Timed("(plan)", () => Task.FromResult(new BenchPlan(scale, seed, now)), _ => 0);
        var organizations = await Timed("Organizations", () => AddOrganizationsAsync(db, seed), o => o.Count);
        var consultationIds = await Timed("Consultations", () => AddConsultationsAsync(db, plan, organizations), c => c.Length);
        var rows = new BenchRows(plan, organizations, consultationIds);
        var writer = BulkWriter.For(db);

        var hasher = provider.GetRequiredService<IPasswordHasher<ParvisUser>>();
        var normalizer = provider.GetRequiredService<ILookupNormalizer>();
        // One hash for everyone: hashing 200,000 passwords would take hours; each hash stands on its own (salt included).
        var hash = hasher.HashPassword(new ParvisUser { Pseudonym = "bench" }, Password);
        await Timed("Users", () => writer.WriteAsync(rows.Users(hash, n => normalizer.NormalizeName(n)!, e => normalizer.NormalizeEmail(e)!)), n => n);
        await Timed("RoleAssignments", () => AddRolesAsync(db, organizations, now), n => n);
        await Timed("Contributions", () => writer.WriteAsync(rows.Contributions()), n => n);
        await Timed("Reactions", () => writer.WriteAsync(rows.Reactions()), n => n);
        await Timed("Comments", () => writer.WriteAsync(rows.Comments()), n => n);
        await Timed("Flags", () => writer.WriteAsync(rows.Flags()), n => n);
        await Timed("CommentFlags", () => writer.WriteAsync(rows.CommentFlags()), n => n);
        await Timed("OfficialResponses", () => writer.WriteAsync(rows.OfficialResponses()), n => n);
        var participation = new BenchParticipation(plan, organizations);
        await Timed("Proposals", () => participation.AddProposalsAsync(db, writer), n => n);
        await Timed("ProposalSupports", () => writer.WriteAsync(participation.ProposalSupports()), n => n);
        var petitions = await Timed("Petitions", () => participation.AddPetitionsAsync(db), p => p.Count);
        await Timed("PetitionSignatures", () => writer.WriteAsync(participation.Signatures(petitions)), n => n);
        await Timed("Surveys (answer rows)", () => BenchSurveys.AddAsync(db, writer, organizations[0], scale, seed, now), n => n);
        // Written by COPY, past the change tracker: indexed the way the migration indexes existing items.
        await Timed("SearchEntries", () => SearchIndexSql.BackfillAsync(db), n => n);
        await Timed("(sequences, analyze)", async () =>
        {
            await writer.ResetIdentityAsync<Contribution>();
            await writer.ResetIdentityAsync<Reaction>();
            await writer.ResetIdentityAsync<Comment>();
            await writer.ResetIdentityAsync<Flag>();
            await writer.ResetIdentityAsync<CommentFlag>();
            await writer.ResetIdentityAsync<OfficialResponse>();
            await writer.ResetIdentityAsync<ProposalSupport>();
            await writer.ResetIdentityAsync<PetitionSignature>();
            await writer.AnalyzeAsync();
            return 0L;
        }, n => n);

        return new BenchResult(consultationIds[0], BenchRows.ContributionId(plan.BusyThreadContribution), organizations[0].QuartierIds[0], tables, total.Elapsed);
    }

    private static async Task<List<BenchOrganization>> AddOrganizationsAsync(ParvisDbContext db, int seed)
    {
        var result = new List<BenchOrganization>();
        for (var number = 1; number <= BenchPlan.Organizations; number++)
        {
            var commune = BenchText.Communes[(number - 1 + seed) % BenchText.Communes.Length];
            var organization = new Organization
            {
                Name = $"Bench {number:00}",
                ContactEmail = $"participation@org{number:00}.bench.localhost",
                // Benchmarks sign staff in with a password only.
                RequireTwoFactorForStaff = false,
                CharterMarkdown = $"## Charte de participation de {commune}\n\nOn débat des idées, pas des personnes.",
                Hosts = [new OrganizationHost { HostName = HostOf(number) }],
            };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            var town = new Territory { OrganizationId = organization.Id, Name = commune, Kind = TerritoryKind.Commune };
            var quartiers = BenchText.Quartiers.Take(BenchPlan.QuartiersPerOrganization)
                .Select(name => new Territory { OrganizationId = organization.Id, Name = name, Kind = TerritoryKind.Quartier, Parent = town }).ToList();
            db.Territories.Add(town);
            db.Territories.AddRange(quartiers);
            await db.SaveChangesAsync();
            result.Add(new BenchOrganization(organization.Id, number, town.Id, quartiers.Select(q => q.Id).ToArray()));
        }
        db.ChangeTracker.Clear();
        return result;
    }

    private static async Task<int[]> AddConsultationsAsync(ParvisDbContext db, BenchPlan plan, List<BenchOrganization> organizations)
    {
        var random = new Random(unchecked((plan.Seed * 7919) + 7) & int.MaxValue);
        var consultations = new Consultation[plan.ConsultationCount];
        for (var c = 0; c < consultations.Length; c++)
        {
            var organization = organizations[plan.OrganizationOfConsultation[c]];
            var schedule = plan.Schedules[c];
            var title = c == 0 ? "Réaménagement de la place de la Mairie et de ses rues" : BenchText.ConsultationTitle(random);
            var closed = schedule.ClosedAt is not null;
            consultations[c] = new Consultation
            {
                OrganizationId = organization.Id,
                TerritoryId = c == 0 || random.NextDouble() < 0.4 ? organization.CommuneId : organization.QuartierIds[random.Next(organization.QuartierIds.Length)],
                Title = title,
                Summary = BenchText.ConsultationSummary(random, title),
                BodyMarkdown = $"## Le projet\n\n{BenchText.ContributionBody(random)}\n\nLes documents du dossier sont consultables en mairie.",
                ServiceName = "Service voirie",
                LegalFrame = schedule.Frame,
                ObjectivesMarkdown = schedule.Frame == LegalFrame.PriorConcertation ? "**Objectifs** : apaiser la circulation, végétaliser.\n\n**Modalités** : contributions en ligne et registre en mairie." : null,
                Rules = new ParticipationRules { Contribute = ParticipationLevel.ConfirmedAccount, React = ParticipationLevel.ConfirmedAccount, Comment = ParticipationLevel.ConfirmedAccount },
                PublishedAt = schedule.InformationStartsAt.AddDays(-7),
                InformationStartsAt = schedule.InformationStartsAt,
                ContributionsStartAt = schedule.ContributionsStartAt,
                SynthesisStartsAt = schedule.SynthesisStartsAt,
                ClosedAt = schedule.ClosedAt,
                ClosingReportMarkdown = closed ? "## Bilan\n\nLes contributions ont été étudiées ; le projet est modifié en conséquence." : null,
                ClosingReportPublishedAt = schedule.ClosedAt,
                LastRegisterNumber = schedule.Frame == LegalFrame.PublicInquiry ? plan.ContributionsPerConsultation[c] : 0,
            };
        }
        db.Consultations.AddRange(consultations);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return consultations.Select(c => c.Id).ToArray();
    }

    private static async Task<long> AddRolesAsync(ParvisDbContext db, List<BenchOrganization> organizations, DateTime now)
    {
        for (var org = 0; org < organizations.Count; org++)
        {
            var id = organizations[org].Id;
            db.RoleAssignments.AddRange(
                new RoleAssignment { OrganizationId = id, UserId = BenchRows.UserId(org, BenchRows.Staff.Administrator, 0), Role = StaffRole.Administrator, GrantedAt = now },
                new RoleAssignment { OrganizationId = id, UserId = BenchRows.UserId(org, BenchRows.Staff.Moderator, 0), Role = StaffRole.Moderator, GrantedAt = now },
                new RoleAssignment { OrganizationId = id, UserId = BenchRows.UserId(org, BenchRows.Staff.Agent, 0), Role = StaffRole.Agent, ServiceName = "Service voirie", GrantedAt = now });
        }
        var written = await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return written;
    }
}
