using Parvis.Features.Admin;
using Parvis.Features.Bench;
using Parvis.Features.Consultations;
using Parvis.Features.Contributions;
using Parvis.Features.DevIdentityProvider;
using Parvis.Features.FranceConnect;
using Parvis.Features.Moderation;
using Parvis.Features.Requests;
using Parvis.Features.Responses;
using Parvis.Features.Territories;

namespace Parvis.Features;

public static class FeatureSetup
{
    public static WebApplicationBuilder AddParvisFeatures(this WebApplicationBuilder builder)
    {
        // A rule broken by a page handler shows the form again with its message: one filter, no catch in the pages.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(new Shared.BrokenRuleFilter()));
        builder.Services.AddScoped<Accounts.AuthenticatorSetup>();
        builder.Services.AddScoped<Accounts.AccountMail>();
        builder.Services.AddScoped<ConsultationQueries>();
        builder.Services.AddScoped<ParticipationCommands>();
        builder.Services.AddScoped<ConsultationRulesCache>();
        builder.Services.AddScoped<TerritoryTrees>();
        builder.Services.AddScoped<ConsultationHeaders>();
        builder.Services.AddScoped<Identity.Verifications>();
        builder.Services.AddScoped<Identity.CensusRegistry>();
        builder.Services.AddScoped<Identity.CensusUploads>();
        builder.Services.AddScoped<Identity.InPersonCodes>();
        builder.Services.AddScoped<Identity.PostalLetters>();
        builder.Services.AddFranceConnect(builder.Configuration);
        builder.Services.AddScoped<ContributionQueries>();
        builder.Services.AddScoped<AnonymousContributions>();
        builder.Services.AddScoped<Shared.AuthorDisplay>();
        builder.Services.AddScoped<ResponseCommands>();
        builder.Services.AddScoped<OverdueAnswers>();
        builder.Services.AddScoped<ResponseDrafts>();
        builder.Services.AddScoped<Outcomes.OutcomeSubjects>();
        builder.Services.AddScoped<Participations.ParticipationQueries>();
        builder.Services.AddScoped<Outcomes.OutcomeCommands>();
        builder.Services.AddScoped<Outcomes.OutcomeQueries>();
        builder.Services.AddScoped<Outcomes.OutcomeStatistics>();
        builder.Services.AddScoped<Sortition.DrawCommands>();
        builder.Services.AddScoped<Sortition.DrawSeating>();
        builder.Services.AddScoped<PaperKits.ConsultationKits>();
        builder.Services.AddScoped<PaperKits.SurveyKits>();
        // The territory page of "Vous avez dit, nous avons fait" is the organization's page with a scope.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Outcomes/Index", "nous-avons-fait/territoires/{territoryId:int}"));
        builder.Services.AddScoped<Statistics.ParticipationStatistics>();
        // Like the outcomes: a territory's or a consultation's statistics are the organization's page with a scope.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .AddPageRoute("/Statistics/Index", "statistiques/territoires/{territoryId:int}")
            .AddPageRoute("/Statistics/Index", "statistiques/concertations/{consultationId:int}"));
        builder.Services.AddScoped<Petitions.PetitionCounts>();
        builder.Services.AddScoped<Petitions.PetitionThresholds>();
        builder.Services.AddScoped<Petitions.PetitionMails>();
        builder.Services.AddScoped<Petitions.PetitionCommands>();
        builder.Services.AddScoped<Petitions.PetitionQueries>();
        builder.Services.AddScoped<Search.SearchQueries>();
        builder.Services.AddScoped<ModerationCommands>();
        builder.Services.AddScoped<CommentModeration>();
        builder.Services.AddScoped<TerritoryImporter>();
        builder.Services.AddScoped<Platform.OrganizationCreator>();
        builder.Services.AddScoped<Files.FileCommands>();
        builder.Services.AddScoped<Proposals.ProposalQueries>();
        builder.Services.AddScoped<Proposals.ProposalCommands>();
        builder.Services.AddScoped<Proposals.ProposalFollowUp>();
        builder.Services.AddScoped<Proposals.ProposalFlags>();
        builder.Services.AddSingleton<Petitions.Signing.DisposableDomains>();
        builder.Services.AddSingleton<Petitions.Signing.SigningLimits>();
        builder.Services.AddSingleton<Petitions.Signing.ConfirmationWriter>();
        builder.Services.AddSingleton<Petitions.Signing.SignatureWriter>();
        builder.Services.AddScoped<Petitions.Signing.PetitionRulesCache>();
        builder.Services.AddScoped<Petitions.Signing.SignatureCommands>();
        builder.Services.AddScoped<Petitions.Signing.SigningForms>();
        builder.Services.AddScoped<Petitions.Signing.SignatureModeration>();
        builder.Services.AddRequests();
        Api.ApiSetup.AddPublicApi(builder.Services);
        builder.Services.AddScoped<OpenData.OpenDataRequests>();
        builder.Services.AddScoped<OpenData.OpenDataSets>();
        builder.Services.AddScoped<OpenData.DataCatalog>();
        Projects.ProjectsSetup.AddProjects(builder.Services);
        News.NewsSetup.AddNews(builder.Services);
        Surveys.SurveysSetup.AddSurveys(builder.Services);
        Budgets.BudgetsSetup.AddBudgets(builder.Services);
        Tallies.TallySetup.AddTallies(builder.Services);
        Notifications.NotificationsSetup.AddNotifications(builder.Services);
        builder.Services.AddScoped<Meetings.MeetingQueries>();
        builder.Services.AddScoped<Meetings.MeetingRegistrations>();
        builder.Services.AddScoped<Meetings.MeetingCommands>();
        builder.Services.AddScoped<Meetings.MeetingNotices>();
        builder.Services.AddScoped<Meetings.MeetingCalendar>();
        builder.Services.AddSingleton<Infrastructure.Cluster.IScheduledJob, Meetings.MeetingReminderJob>();
        builder.Services.AddScoped<Consultations.Statements.StatementCommands>();
        builder.Services.AddScoped<Consultations.Statements.OpinionMapStore>();
        builder.Services.AddScoped<Consultations.Statements.OpinionMapReport>();
        builder.Services.AddSingleton<Infrastructure.Cluster.IScheduledJob, Consultations.Statements.OpinionMapJob>();
        builder.Services.AddScoped<Synthesis.GroupingStore>();
        builder.Services.AddScoped<Synthesis.ThemeCommands>();
        builder.Services.AddScoped<Synthesis.SynthesisReport>();
        builder.Services.AddSingleton<Infrastructure.Cluster.IScheduledJob, Synthesis.GroupingJob>();
        builder.Services.AddScoped<Councils.CouncilQueries>();
        builder.Services.AddScoped<Councils.CouncilMembers>();
        builder.Services.AddScoped<Councils.CouncilAgenda>();
        builder.Services.AddScoped<Councils.CouncilOpinions>();
        builder.Services.AddScoped<Councils.Manage.CouncilCommands>();
        builder.Services.AddScoped<Councils.ICouncilSessions, Meetings.CouncilSessions>();
        builder.Services.AddScoped<PersonalData.AccountEraser>();
        builder.Services.AddScoped<PersonalData.PersonalDataQueries>();
        builder.Services.AddSingleton<PersonalData.DataRegister>();
        builder.Services.AddSingleton<Infrastructure.Cluster.IScheduledJob, PersonalData.RetentionJob>();
        builder.Services.AddSingleton<Infrastructure.Cluster.IScheduledJob, Petitions.PetitionClosingJob>();
        builder.Services.Configure<Infrastructure.Files.FileOptions>(builder.Configuration.GetSection("Files"));
        builder.Services.AddSingleton<Infrastructure.Files.IFileStorage, Infrastructure.Files.LocalFileStorage>();
        return builder;
    }

    public static WebApplication MapParvisEndpoints(this WebApplication app)
    {
        app.MapConsultationExports();
        Files.FileEndpoints.MapFiles(app);
        PersonalData.PersonalDataEndpoints.MapPersonalDataExports(app);
        app.MapBenchBaseline();
        Petitions.Signing.SignatureEndpoints.MapSignatureEndpoints(app);
        Tallies.TallyEndpoints.MapTallyEndpoints(app);
        Home.Sitemap.MapSitemap(app);
        Home.SecurityTxt.MapSecurityTxt(app);
        News.NewsFeeds.MapNewsFeeds(app);
        app.MapDevIdentityProvider();
        app.MapRequests();
        Api.ApiEndpoints.MapPublicApi(app);
        Api.ApiSetup.MapPublicApiDocs(app);
        OpenData.OpenDataEndpoints.MapOpenData(app);
        Meetings.MeetingCalendarEndpoints.MapMeetingCalendars(app);
        return app;
    }
}
