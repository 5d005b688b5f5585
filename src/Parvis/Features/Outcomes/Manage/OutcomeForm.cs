using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Outcomes.Manage;

/// <summary>The outcome form shared by the new and edit pages; the domain checks the rules (<see cref="Outcome.Describe"/>).</summary>
public sealed class OutcomeForm
{
    [Required(ErrorMessage = "Le titre est obligatoire.")]
    public string? Title { get; set; }
    public string? Description { get; set; }
    public OutcomeStatus Status { get; set; }
    public int ProgressPercent { get; set; }
    /// <summary>Text, so that "12 500,50" and "12500.50" both read as euros.</summary>
    public string? Budget { get; set; }
    [Required(ErrorMessage = "Indiquez la date de la décision.")]
    public DateOnly? DecidedOn { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? ExpectedOn { get; set; }
    public DateOnly? DoneOn { get; set; }
    [Required(ErrorMessage = "Choisissez un territoire.")]
    public int? TerritoryId { get; set; }
    public string? ServiceName { get; set; }

    public OutcomeDescription ToDescription()
    {
        decimal? budget = null;
        if (!string.IsNullOrWhiteSpace(Budget))
        {
            var text = Budget.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal)
                .Replace("€", "", StringComparison.Ordinal).Replace(',', '.');
            if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
                throw new DomainException("Le budget doit être un montant en euros, par exemple 12 500 ou 12500,50.");
            budget = parsed;
        }
        return new OutcomeDescription(Title, Description, Status, ProgressPercent, budget, DecidedOn, StartedOn, ExpectedOn, DoneOn, TerritoryId ?? 0, ServiceName);
    }

    public static OutcomeForm From(Outcome o) => new()
    {
        Title = o.Title,
        Description = o.DescriptionMarkdown,
        Status = o.Status,
        ProgressPercent = o.ProgressPercent,
        Budget = o.BudgetEuros?.ToString("0.##", CultureInfo.InvariantCulture),
        DecidedOn = o.DecidedOn,
        StartedOn = o.StartedOn,
        ExpectedOn = o.ExpectedOn,
        DoneOn = o.DoneOn,
        TerritoryId = o.TerritoryId,
        ServiceName = o.ServiceName,
    };

    /// <summary>What the form's lists offer: territories as a tree, services named in the roles.</summary>
    public sealed record Choices(List<(int Id, string Label)> Territories, List<string> Services, bool IsAdministrator);

    public static async Task<Choices> ChoicesAsync(ParvisDbContext db, bool isAdministrator) => new(
        await TerritoryTree.OptionsAsync(db),
        await db.RoleAssignments.Where(r => r.ServiceName != null).Select(r => r.ServiceName!).Distinct().OrderBy(n => n).ToListAsync(),
        isAdministrator);
}
