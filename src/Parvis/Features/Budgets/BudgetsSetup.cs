namespace Parvis.Features.Budgets;

/// <summary>Services of participatory budgets.</summary>
public static class BudgetsSetup
{
    public static IServiceCollection AddBudgets(this IServiceCollection services)
    {
        services.AddScoped<BudgetQueries>();
        services.AddScoped<BudgetVoting>();
        services.AddScoped<BudgetCounting>();
        services.AddScoped<Manage.BudgetStaffCommands>();
        services.AddScoped<Manage.BudgetStaffQueries>();
        return services;
    }
}
