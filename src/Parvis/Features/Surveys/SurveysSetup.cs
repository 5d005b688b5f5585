namespace Parvis.Features.Surveys;

/// <summary>Services of surveys and quick questions.</summary>
public static class SurveysSetup
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddScoped<SurveyQueries>();
        services.AddScoped<SurveyAnswering>();
        services.AddScoped<SurveyResults>();
        services.AddScoped<Manage.SurveyStaffCommands>();
        services.AddScoped<Manage.SurveyQuestionCommands>();
        services.AddScoped<Manage.SurveyStaffQueries>();
        return services;
    }
}
