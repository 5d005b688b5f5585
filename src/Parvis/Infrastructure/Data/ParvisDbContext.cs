using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Infrastructure.Data;

public class ParvisDbContext(DbContextOptions options)
    : IdentityUserContext<ParvisUser, Guid>(options), IDataProtectionKeyContext
{
    private TenantContext? _tenant;

    // Read by the global query filters; EF Core evaluates it per context instance. No organization: no tenant row.
    public int TenantId => _tenant?.OrganizationId ?? 0;

    /// <summary>
    /// Contexts are pooled, so the organization cannot come through the constructor: each lease is given the scope's
    /// (<see cref="DataSetup"/>), and a context returned to the pool forgets it.
    /// </summary>
    public void UseTenant(TenantContext tenant) => _tenant = tenant;

    public override void Dispose()
    {
        _tenant = null;
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        _tenant = null;
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationHost> OrganizationHosts => Set<OrganizationHost>();
    public DbSet<Territory> Territories => Set<Territory>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RateLimitEvent> RateLimitEvents => Set<RateLimitEvent>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<Reaction> Reactions => Set<Reaction>();
    public DbSet<StatementVote> StatementVotes => Set<StatementVote>();
    public DbSet<OpinionMapSnapshot> OpinionMapSnapshots => Set<OpinionMapSnapshot>();
    public DbSet<ContributionGrouping> ContributionGroupings => Set<ContributionGrouping>();
    public DbSet<SynthesisTheme> SynthesisThemes => Set<SynthesisTheme>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ThemeContribution> ThemeContributions => Set<ThemeContribution>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<CommentFlag> CommentFlags => Set<CommentFlag>();
    public DbSet<OfficialResponse> OfficialResponses => Set<OfficialResponse>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Cluster.JobRun> JobRuns => Set<Cluster.JobRun>();
    public DbSet<Verification> Verifications => Set<Verification>();
    public DbSet<CensusFile> CensusFiles => Set<CensusFile>();
    public DbSet<CensusEntry> CensusEntries => Set<CensusEntry>();
    public DbSet<PostalLetterRequest> PostalLetterRequests => Set<PostalLetterRequest>();
    public DbSet<Outcome> Outcomes => Set<Outcome>();
    public DbSet<OutcomeLink> OutcomeLinks => Set<OutcomeLink>();
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<PetitionSponsor> PetitionSponsors => Set<PetitionSponsor>();
    public DbSet<PetitionCountShard> PetitionCountShards => Set<PetitionCountShard>();
    public DbSet<PetitionAgendaItem> PetitionAgendaItems => Set<PetitionAgendaItem>();
    public DbSet<ProposalSpace> ProposalSpaces => Set<ProposalSpace>();
    public DbSet<ProposalCategory> ProposalCategories => Set<ProposalCategory>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<ProposalSupport> ProposalSupports => Set<ProposalSupport>();
    public DbSet<ProposalStateChange> ProposalStateChanges => Set<ProposalStateChange>();
    public DbSet<ProposalFlag> ProposalFlags => Set<ProposalFlag>();
    public DbSet<PetitionSignature> PetitionSignatures => Set<PetitionSignature>();
    public DbSet<TallyEntry> TallyEntries => Set<TallyEntry>();
    public DbSet<TallySeal> TallySeals => Set<TallySeal>();
    public DbSet<ElectorQuarterSignature> ElectorQuarterSignatures => Set<ElectorQuarterSignature>();
    public DbSet<RequestCategory> RequestCategories => Set<RequestCategory>();
    public DbSet<CategoryQuestion> CategoryQuestions => Set<CategoryQuestion>();
    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();
    public DbSet<RequestAnswer> RequestAnswers => Set<RequestAnswer>();
    public DbSet<RequestPhoto> RequestPhotos => Set<RequestPhoto>();
    public DbSet<RequestUpdate> RequestUpdates => Set<RequestUpdate>();
    public DbSet<RequestFollower> RequestFollowers => Set<RequestFollower>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingRegistration> MeetingRegistrations => Set<MeetingRegistration>();
    public DbSet<SessionInvitation> SessionInvitations => Set<SessionInvitation>();
    public DbSet<Draw> Draws => Set<Draw>();
    public DbSet<DrawPerson> DrawPeople => Set<DrawPerson>();
    public DbSet<DrawQuota> DrawQuotas => Set<DrawQuota>();
    public DbSet<DrawRound> DrawRounds => Set<DrawRound>();
    public DbSet<Council> Councils => Set<Council>();
    public DbSet<CouncilCollege> CouncilColleges => Set<CouncilCollege>();
    public DbSet<CouncilAnimator> CouncilAnimators => Set<CouncilAnimator>();
    public DbSet<CouncilMandate> CouncilMandates => Set<CouncilMandate>();
    public DbSet<CouncilCandidacy> CouncilCandidacies => Set<CouncilCandidacy>();
    public DbSet<CouncilAgendaItem> CouncilAgendaItems => Set<CouncilAgendaItem>();
    public DbSet<CouncilOpinion> CouncilOpinions => Set<CouncilOpinion>();
    public DbSet<CouncilOpinionVote> CouncilOpinionVotes => Set<CouncilOpinionVote>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectPhase> ProjectPhases => Set<ProjectPhase>();
    public DbSet<ProjectLink> ProjectLinks => Set<ProjectLink>();
    public DbSet<ProjectFile> ProjectFiles => Set<ProjectFile>();
    public DbSet<NewsPost> NewsPosts => Set<NewsPost>();
    public DbSet<NewsPostVersion> NewsPostVersions => Set<NewsPostVersion>();
    public DbSet<NewsComment> NewsComments => Set<NewsComment>();
    public DbSet<HomeBlock> HomeBlocks => Set<HomeBlock>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveySection> SurveySections => Set<SurveySection>();
    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();
    public DbSet<SurveyOption> SurveyOptions => Set<SurveyOption>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SurveyAnswerChoice> SurveyAnswerChoices => Set<SurveyAnswerChoice>();
    public DbSet<SurveyTally> SurveyTallies => Set<SurveyTally>();
    public DbSet<SurveyTextAnswer> SurveyTextAnswers => Set<SurveyTextAnswer>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<BudgetProject> BudgetProjects => Set<BudgetProject>();
    public DbSet<BudgetBallot> BudgetBallots => Set<BudgetBallot>();
    public DbSet<BudgetBallotChoice> BudgetBallotChoices => Set<BudgetBallotChoice>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<NotificationSettings> NotificationSettings => Set<NotificationSettings>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ParvisDbContext).Assembly);
        SqlTime.Register(builder, Database.ProviderName);
        SearchIndex.Register(builder, Database.ProviderName);

        // Identity's user name index is global; accounts are per organization.
        builder.Entity<ParvisUser>(b =>
        {
            var globalIndex = b.Metadata.GetIndexes().Single(i => i.GetDatabaseName() == "UserNameIndex");
            b.Metadata.RemoveIndex(globalIndex);
            b.HasIndex(u => new { u.OrganizationId, u.NormalizedUserName }).IsUnique().HasDatabaseName("UserNameIndex");
            b.Property(u => u.Pseudonym).HasMaxLength(60);
            b.Property(u => u.FirstName).HasMaxLength(100);
            b.Property(u => u.LastName).HasMaxLength(100);
            b.Property(u => u.InPersonCode).HasMaxLength(9);
            b.HasIndex(u => new { u.OrganizationId, u.InPersonCode }).IsUnique();
        });
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("UserLogins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("UserTokens");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("UserClaims");
        builder.Entity<ParvisUser>().ToTable("Users");

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            typeof(ParvisDbContext).GetMethod(nameof(FilterByTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
        }
    }

    private void FilterByTenant<T>(ModelBuilder builder) where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(e => e.OrganizationId == TenantId);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        var builder = configurationBuilder;
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        StampTenant();
        try
        {
            var searched = SearchIndexer.Changes(ChangeTracker);
            if (searched.Count == 0) return await base.SaveChangesAsync(cancellationToken);
            // The items and their index entries in one transaction (the caller's, or ours).
            await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            var saved = await base.SaveChangesAsync(cancellationToken);
            await SearchIndexer.IndexAsync(this, searched, cancellationToken);
            await base.SaveChangesAsync(cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return saved;
        }
        catch (DbUpdateConcurrencyException e) when (e.Entries.Count > 0 && e.Entries.All(x => x.Entity is ServiceRequest))
        {
            // Two people changed one request at once (UpdatedAt is its concurrency token): the second is told, nothing is sent twice.
            throw new DomainException("Ce signalement vient d'être modifié par quelqu'un d'autre : rechargez la page et recommencez.");
        }
    }

    public override int SaveChanges()
    {
        StampTenant();
        return base.SaveChanges();
    }

    // New rows join the current organization; a row of another organization is never written here.
    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.OrganizationId == 0)
                entry.Entity.OrganizationId = TenantId;
            else if (entry.State is EntityState.Added or EntityState.Modified && TenantId != 0 && entry.Entity.OrganizationId != TenantId)
                throw new InvalidOperationException($"Refusing to write a {entry.Entity.GetType().Name} of another organization.");
        }
    }
}
