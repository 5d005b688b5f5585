using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Budgets.Manage;

/// <summary>
/// What staff do with budgets and their projects. Who manages a budget is the rule of surveys and projects
/// (<see cref="ServiceStaffHandler"/> with <see cref="ServiceStaffRequirement.OrUnassigned"/>): administrators every budget,
/// an agent their service's and those without one. Each command checks everything first, writes its audit entry, saves once.
/// </summary>
public sealed class BudgetStaffCommands(ParvisDbContext db, AuditLog audit, TimeProvider clock, IAuthorizationService authorization,
    TenantContext tenant)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static bool IsAdministrator(ClaimsPrincipal user) => user.IsInRole(nameof(StaffRole.Administrator));

    /// <summary>The budget, when it exists here (the tenant filter) and this person manages it.</summary>
    public async Task<Budget> FindAsync(ClaimsPrincipal user, int id)
    {
        var budget = await db.Budgets.FirstOrDefaultAsync(b => b.Id == id) ?? throw new ItemNotFoundException();
        if (!(await authorization.AuthorizeAsync(user, budget, ServiceStaffRequirement.OrUnassigned)).Succeeded)
            throw new ItemForbiddenException();
        return budget;
    }

    /// <summary>A project with its budget, when this person manages the budget.</summary>
    public async Task<(Budget Budget, Domain.BudgetProject Project)> FindProjectAsync(ClaimsPrincipal user, int id)
    {
        var project = await db.BudgetProjects.FirstOrDefaultAsync(p => p.Id == id) ?? throw new ItemNotFoundException();
        return (await FindAsync(user, project.BudgetId), project);
    }

    public async Task<Budget> CreateAsync(ClaimsPrincipal user, BudgetForm form)
    {
        var budget = new Budget { Title = "" };
        await DescribeAsync(user, budget, form);
        db.Budgets.Add(budget);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record("budget.create", nameof(Budget), budget.Id, budget.Title);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return budget;
    }

    public async Task UpdateAsync(ClaimsPrincipal user, Budget budget, BudgetForm form)
    {
        // Announced before the vote: once it has opened, only the texts and the realisation's date change.
        if (budget.SettingsFrozenAt(Now))
        {
            var kept = BudgetForm.From(budget, tenant.Organization);
            kept.Title = form.Title;
            kept.Description = form.Description;
            kept.RealisationFrom = form.RealisationFrom;
            form = kept;
        }
        await DescribeAsync(user, budget, form);
        audit.Record("budget.update", nameof(Budget), budget.Id, budget.Title);
        await db.SaveChangesAsync();
    }

    public async Task PublishAsync(Budget budget)
    {
        if (budget.IsPublished) throw new DomainException("Ce budget est déjà publié.");
        budget.PublishedAt = Now;
        audit.Record("budget.publish", nameof(Budget), budget.Id, budget.Title);
        await db.SaveChangesAsync();
    }

    public async Task<Domain.BudgetProject> AddProjectAsync(Budget budget, ProjectForm form)
    {
        budget.EnsureProjectsEditable(Now);
        var project = new Domain.BudgetProject { Title = "", BudgetId = budget.Id };
        await DescribeAsync(project, form);
        db.BudgetProjects.Add(project);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record("budget.project.create", nameof(Budget), budget.Id, project.Title);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return project;
    }

    /// <summary>The project's texts and the study's answer: feasible or not (with its public reason), its cost.</summary>
    public async Task UpdateProjectAsync(Budget budget, Domain.BudgetProject project, ProjectForm form)
    {
        budget.EnsureProjectsEditable(Now);
        var studied = project.Feasibility != form.Feasibility;
        await DescribeAsync(project, form);
        audit.Record(studied ? "budget.project.study" : "budget.project.update", nameof(Budget), budget.Id,
            $"{project.Title} : {BudgetLabels.Of(project.Feasibility)}");
        await db.SaveChangesAsync();
    }

    private async Task DescribeAsync(Domain.BudgetProject project, ProjectForm form)
    {
        var title = form.Title?.Trim() ?? "";
        if (title.Length is 0 or > Domain.BudgetProject.MaxTitle) throw new DomainException("Le titre doit compter de 1 à 200 caractères.");
        var description = form.Description?.Trim() ?? "";
        if (description.Length > Domain.BudgetProject.MaxDescription) throw new DomainException("La description dépasse 10 000 caractères.");
        if (form.TerritoryId is { } territory && !await db.Territories.AnyAsync(t => t.Id == territory))
            throw new DomainException("Ce territoire n'existe pas.");
        if (form.SourceProposalId is { } idea && !await db.Proposals.AnyAsync(p => p.Id == idea))
            throw new DomainException("Cette proposition d'origine n'existe pas.");
        project.Study(form.Feasibility, form.FeasibilityReason, form.Cost ?? 0);
        project.Title = title;
        project.DescriptionMarkdown = description;
        project.TerritoryId = form.TerritoryId;
        project.SourceProposalId = form.SourceProposalId;
    }

    private async Task DescribeAsync(ClaimsPrincipal user, Budget budget, BudgetForm form)
    {
        var title = form.Title?.Trim() ?? "";
        if (title.Length is 0 or > Budget.MaxTitle) throw new DomainException("Le titre doit compter de 1 à 200 caractères.");
        var description = form.Description?.Trim() ?? "";
        if (description.Length > Budget.MaxDescription) throw new DomainException("La description dépasse 20 000 caractères.");
        if (form.TerritoryId is not { } territory || !await db.Territories.AnyAsync(t => t.Id == territory))
            throw new DomainException("Choisissez le territoire du budget.");
        if (form.IdeasFrom is not { } ideas || form.StudyFrom is not { } study || form.VoteFrom is not { } vote
            || form.VoteUntil is not { } until || form.RealisationFrom is not { } realisation)
            throw new DomainException("Indiquez la date de début de chaque phase.");
        var service = IsAdministrator(user)
            ? (string.IsNullOrWhiteSpace(form.ServiceName) ? null : form.ServiceName.Trim())
            : budget.Id == 0 ? await ServiceStaffHandler.AgentServiceAsync(db, user) : budget.ServiceName;
        if (service is not null && !await db.RoleAssignments.AnyAsync(r => r.ServiceName == service))
            throw new DomainException("Ce service n'existe pas.");
        var organization = tenant.Organization;
        var settings = new Budget
        {
            Title = title,
            Amount = form.Amount ?? 0,
            VoteLevel = form.VoteLevel,
            MinimumAge = form.MinimumAge,
            Rule = form.Rule,
            VoteForm = form.VoteForm,
            MaxChoices = form.VoteForm == BudgetVoteForm.Approval ? form.MaxChoices : null,
            MaxPointsPerProject = form.VoteForm == BudgetVoteForm.Cumulative ? form.MaxPointsPerProject : null,
            MaxPointsTotal = form.VoteForm == BudgetVoteForm.Cumulative ? form.MaxPointsTotal : null,
            IdeasFrom = organization.ToUtc(ideas),
            StudyFrom = organization.ToUtc(study),
            VoteFrom = organization.ToUtc(vote),
            VoteUntil = organization.ToUtc(until),
            RealisationFrom = organization.ToUtc(realisation),
        };
        if (settings.ValidateSettings() is { } error) throw new DomainException(error);
        budget.Title = title;
        budget.DescriptionMarkdown = description;
        budget.TerritoryId = territory;
        budget.ServiceName = service;
        budget.Amount = settings.Amount;
        budget.VoteLevel = settings.VoteLevel;
        budget.MinimumAge = settings.MinimumAge;
        budget.Rule = settings.Rule;
        budget.VoteForm = settings.VoteForm;
        budget.MaxChoices = settings.MaxChoices;
        budget.MaxPointsPerProject = settings.MaxPointsPerProject;
        budget.MaxPointsTotal = settings.MaxPointsTotal;
        budget.IdeasFrom = settings.IdeasFrom;
        budget.StudyFrom = settings.StudyFrom;
        budget.VoteFrom = settings.VoteFrom;
        budget.VoteUntil = settings.VoteUntil;
        budget.RealisationFrom = settings.RealisationFrom;
    }
}
