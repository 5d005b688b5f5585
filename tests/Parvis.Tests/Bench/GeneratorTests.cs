using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parvis.Domain;
using Parvis.Features.Bench;
using Parvis.Infrastructure.Data;
using Parvis.Testing;

namespace Parvis.Tests.Bench;

/// <summary>One host, generated once at a tiny scale into a fresh database of the provider under test.</summary>
public sealed class GeneratedBench : IAsyncLifetime
{
    public const double Scale = 0.0005;
    public const int Seed = 42;
    public ParvisFactory App { get; } = new();
    public BenchResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The host starts and migrates; no organization is seeded: the generator wants an empty database.
        _ = App.Services;
        Result = await BenchGenerator.RunAsync(App.Services, Scale, Seed, TextWriter.Null);
    }

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

public sealed class GeneratorTests(GeneratedBench bench) : IClassFixture<GeneratedBench>
{
    private const double Scale = GeneratedBench.Scale;
    private const int Seed = GeneratedBench.Seed;
    private readonly ParvisFactory _app = bench.App;
    private readonly BenchResult _result = bench.Result;

    private async Task<T> InDatabaseAsync<T>(Func<ParvisDbContext, Task<T>> work)
    {
        using var scope = _app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<ParvisDbContext>());
    }

    [Fact]
    public async Task Writes_the_planned_rows()
    {
        var plan = new BenchPlan(Scale, Seed, DateTime.UtcNow);
        var counts = await InDatabaseAsync(async db => new
        {
            Organizations = await db.Organizations.Select(o => o.Name).OrderBy(n => n).ToListAsync(),
            Hosts = await db.OrganizationHosts.Select(h => h.HostName).ToListAsync(),
            Users = await db.Users.IgnoreQueryFilters().CountAsync(),
            Consultations = await db.Consultations.IgnoreQueryFilters().CountAsync(),
            Contributions = await db.Contributions.IgnoreQueryFilters().CountAsync(),
            Reactions = await db.Reactions.IgnoreQueryFilters().LongCountAsync(),
            Comments = await db.Comments.IgnoreQueryFilters().LongCountAsync(),
            Quartiers = await db.Territories.IgnoreQueryFilters().CountAsync(t => t.Kind == TerritoryKind.Quartier && t.ParentId != null),
            Roles = await db.RoleAssignments.IgnoreQueryFilters().CountAsync(),
            TwoFactor = await db.Organizations.CountAsync(o => o.RequireTwoFactorForStaff),
        });

        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"Bench {n:00}"), counts.Organizations);
        Assert.Contains("org01.bench.localhost", counts.Hosts);
        Assert.Contains("org20.bench.localhost", counts.Hosts);
        Assert.Equal(plan.UserCount + (3 * 20), counts.Users);
        Assert.Equal(plan.ConsultationCount, counts.Consultations);
        Assert.Equal(plan.ContributionCount, counts.Contributions);
        Assert.Equal(plan.ReactionTotal, counts.Reactions);
        Assert.Equal(plan.CommentTotal, counts.Comments);
        Assert.Equal(20 * BenchPlan.QuartiersPerOrganization, counts.Quartiers);
        Assert.Equal(60, counts.Roles);
        Assert.Equal(0, counts.TwoFactor);
    }

    [Fact]
    public async Task Counters_match_the_rows()
    {
        var wrong = await InDatabaseAsync(db => db.Contributions.IgnoreQueryFilters().CountAsync(c =>
            c.AgreeCount != db.Reactions.Count(r => r.ContributionId == c.Id && r.Kind == ReactionKind.Agree)
            || c.DisagreeCount != db.Reactions.Count(r => r.ContributionId == c.Id && r.Kind == ReactionKind.Disagree)
            || c.CommentCount != db.Comments.Count(m => m.ContributionId == c.Id && m.State == ModerationState.Published && m.DeletedAt == null)
            || c.OpenFlagCount != db.Flags.Count(f => f.ContributionId == c.Id && f.ResolvedAt == null)
            || (c.FirstAnsweredAt != null) != db.OfficialResponses.Any(r => r.ContributionId == c.Id && r.Status == ResponseStatus.Published)));
        Assert.Equal(0, wrong);
        var wrongComments = await InDatabaseAsync(db => db.Comments.IgnoreQueryFilters().CountAsync(c =>
            c.OpenFlagCount != db.CommentFlags.Count(f => f.CommentId == c.Id && f.ResolvedAt == null)));
        Assert.Equal(0, wrongComments);
        Assert.Equal(500, await InDatabaseAsync(db => db.Comments.IgnoreQueryFilters().CountAsync(c => c.ContributionId == _result.BusyThreadContributionId)));
    }

    [Fact]
    public async Task Rows_are_found_by_the_application_queries()
    {
        var (org01, busiest, queue, quartier) = await InDatabaseAsync(async db =>
        {
            var org = await db.OrganizationHosts.Where(h => h.HostName == "org01.bench.localhost").Select(h => h.OrganizationId).SingleAsync();
            var consultation = await db.Consultations.IgnoreQueryFilters().SingleAsync(c => c.Id == _result.BusiestConsultationId);
            var moderation = await db.Contributions.IgnoreQueryFilters().CountAsync(c => c.OrganizationId == org && (c.State == ModerationState.PendingReview || c.OpenFlagCount > 0));
            var territory = await db.Territories.IgnoreQueryFilters().SingleAsync(t => t.Id == _result.Org01QuartierId);
            return (org, consultation, moderation, territory);
        });
        Assert.Equal(org01, busiest.OrganizationId);
        Assert.Equal(ConsultationPhase.Contributions, busiest.PhaseAt(DateTime.UtcNow));
        Assert.True(queue > 0);
        Assert.Equal((org01, TerritoryKind.Quartier), (quartier.OrganizationId, quartier.Kind));

        // A key written by the bulk writer compares equal to one EF Core sends (a Guid's text form on SQLite, for instance).
        var reaction = await InDatabaseAsync(db => db.Reactions.IgnoreQueryFilters().OrderBy(r => r.Id).FirstAsync());
        Assert.Equal(1, await InDatabaseAsync(db => db.Reactions.IgnoreQueryFilters().CountAsync(r => r.UserId == reaction.UserId && r.ContributionId == reaction.ContributionId)));
        var busiestCount = await InDatabaseAsync(db => db.Contributions.IgnoreQueryFilters().CountAsync(c => c.ConsultationId == busiest.Id));
        var largestOther = await InDatabaseAsync(db => db.Contributions.IgnoreQueryFilters().Where(c => c.ConsultationId != busiest.Id)
            .GroupBy(c => c.ConsultationId).Select(g => g.Count()).MaxAsync());
        Assert.True(busiestCount > largestOther, $"{busiestCount} ≤ {largestOther}");
    }

    [Fact]
    public async Task Proposals_and_petitions_match_their_counters()
    {
        var counts = await InDatabaseAsync(async db => new
        {
            Spaces = await db.ProposalSpaces.IgnoreQueryFilters().CountAsync(),
            Proposals = await db.Proposals.IgnoreQueryFilters().CountAsync(),
            Supported = await db.Proposals.IgnoreQueryFilters().CountAsync(p => p.SupportCount > 0),
            WrongSupports = await db.Proposals.IgnoreQueryFilters().CountAsync(p => p.SupportCount != db.ProposalSupports.Count(s => s.ProposalId == p.Id)),
            Open = await db.Petitions.IgnoreQueryFilters().CountAsync(p => p.Status == PetitionStatus.Open),
            WrongShards = await db.Petitions.IgnoreQueryFilters().CountAsync(p =>
                db.PetitionCountShards.Where(s => s.PetitionId == p.Id).Sum(s => s.Count)
                != db.PetitionSignatures.Count(s => s.PetitionId == p.Id && s.ConfirmedAt != null && s.InvalidatedAt == null)),
            Confirmed = await db.PetitionSignatures.IgnoreQueryFilters().CountAsync(s => s.ConfirmedAt != null),
            Unconfirmed = await db.PetitionSignatures.IgnoreQueryFilters().CountAsync(s => s.ConfirmedAt == null),
            DuplicateSigners = await db.PetitionSignatures.IgnoreQueryFilters().GroupBy(s => new { s.PetitionId, s.CanonicalEmail }).CountAsync(g => g.Count() > 1),
        });
        Assert.Equal(20, counts.Spaces);
        Assert.True(counts.Proposals >= 40 && counts.Supported > 0, $"{counts.Proposals} proposals, {counts.Supported} supported");
        Assert.Equal(0, counts.WrongSupports);
        Assert.Equal(20 * BenchParticipation.PetitionsPerOrganization, counts.Open);
        Assert.Equal(0, counts.WrongShards);
        Assert.True(counts.Confirmed > 0 && counts.Unconfirmed > 0, $"{counts.Confirmed} confirmed, {counts.Unconfirmed} not");
        Assert.Equal(0, counts.DuplicateSigners);

        var (proposal, petition) = await InDatabaseAsync(async db =>
        {
            var org = await db.OrganizationHosts.Where(h => h.HostName == "org01.bench.localhost").Select(h => h.OrganizationId).SingleAsync();
            return (await db.Proposals.IgnoreQueryFilters().Where(p => p.OrganizationId == org).OrderByDescending(p => p.SupportCount).Select(p => p.Id).FirstAsync(),
                await db.Petitions.IgnoreQueryFilters().Where(p => p.OrganizationId == org).Select(p => p.Id).FirstAsync());
        });
        var client = _app.ClientFor(BenchGenerator.HostOf(1));
        await client.LoginAsync("agent@org01.bench.localhost", BenchGenerator.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/propositions/{proposal}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/petitions/{petition}")).StatusCode);
    }

    [Fact]
    public async Task A_bench_user_logs_in_and_reads_the_busiest_pages()
    {
        var client = _app.ClientFor(BenchGenerator.HostOf(1));
        await client.LoginAsync("user1@org01.bench.localhost", BenchGenerator.Password);

        var consultation = await client.GetAsync($"/concertations/{_result.BusiestConsultationId}");
        Assert.Equal(HttpStatusCode.OK, consultation.StatusCode);
        var thread = await client.GetAsync($"/contributions/{_result.BusyThreadContributionId}");
        Assert.Equal(HttpStatusCode.OK, thread.StatusCode);

        var moderator = _app.ClientFor(BenchGenerator.HostOf(1));
        await moderator.LoginAsync("moderation@org01.bench.localhost", BenchGenerator.Password);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync("/moderation")).StatusCode);
    }

    [Fact]
    public async Task The_application_inserts_after_the_generated_ids()
    {
        await InDatabaseAsync(async db =>
        {
            // Rolled back: the other tests count rows. On PostgreSQL a stale identity sequence would collide here.
            await using var transaction = await db.Database.BeginTransactionAsync();
            var org = await db.Consultations.IgnoreQueryFilters().Where(c => c.Id == _result.BusiestConsultationId).Select(c => c.OrganizationId).SingleAsync();
            var author = await db.Users.IgnoreQueryFilters().Where(u => u.OrganizationId == org).Select(u => u.Id).FirstAsync();
            var contribution = new Contribution { OrganizationId = org, ConsultationId = _result.BusiestConsultationId, TerritoryId = _result.Org01QuartierId, AuthorId = author, Body = "Une de plus.", CreatedAt = DateTime.UtcNow };
            db.Contributions.Add(contribution);
            await db.SaveChangesAsync();
            db.Comments.Add(new Comment { OrganizationId = org, ContributionId = contribution.Id, AuthorId = author, Body = "Et un commentaire.", CreatedAt = DateTime.UtcNow });
            db.Reactions.Add(new Reaction { OrganizationId = org, ContributionId = contribution.Id, UserId = author, CreatedAt = DateTime.UtcNow });
            db.Flags.Add(new Flag { OrganizationId = org, ContributionId = contribution.Id, UserId = author, Reason = "Test.", CreatedAt = DateTime.UtcNow });
            db.OfficialResponses.Add(new OfficialResponse { OrganizationId = org, ContributionId = contribution.Id, Body = "Réponse.", SignatureLabel = "Service voirie", DraftedById = author, DraftedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });
    }

    [Fact]
    public async Task Refuses_a_database_that_already_holds_organizations()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => BenchGenerator.RunAsync(_app.Services, Scale, Seed, TextWriter.Null));
        Assert.Contains("déjà", refused.Message, StringComparison.Ordinal);
    }
}
