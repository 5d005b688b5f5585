using Parvis.Features.Admin;
using Parvis.Features.Consultations;
using Parvis.Features.Contributions;
using Parvis.Features.Moderation;
using Parvis.Features.Responses;
using Parvis.Features.Territories;

namespace Parvis.Features;

public static class FeatureSetup
{
    public static WebApplicationBuilder AddParvisFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConsultationQueries>();
        builder.Services.AddScoped<ParticipationCommands>();
        builder.Services.AddScoped<ContributionQueries>();
        builder.Services.AddScoped<ResponseCommands>();
        builder.Services.AddScoped<ModerationCommands>();
        builder.Services.AddScoped<TerritoryImporter>();
        return builder;
    }

    public static WebApplication MapParvisEndpoints(this WebApplication app)
    {
        app.MapConsultationExports();
        return app;
    }
}
