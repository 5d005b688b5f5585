using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Projects.Manage;

/// <summary>The project form shared by the new and edit pages; the domain checks the rules (<see cref="Project.Describe"/>).</summary>
public sealed class ProjectForm
{
    [Required(ErrorMessage = "Le titre est obligatoire.")]
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    public ProjectTheme Theme { get; set; }
    public int? TerritoryId { get; set; }
    /// <summary>Text, so that "45,76" and "45.76" both read.</summary>
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? ServiceName { get; set; }
    /// <summary>Text, so that "12 500,50" and "12500.50" both read as euros.</summary>
    public string? Budget { get; set; }

    public ProjectDescription ToDescription() => new(Title, Summary, Description, Theme, TerritoryId,
        Coordinate(Latitude), Coordinate(Longitude), ServiceName, Euros(Budget));

    public static ProjectForm From(Project p) => new()
    {
        Title = p.Title,
        Summary = p.Summary,
        Description = p.DescriptionMarkdown,
        Theme = p.Theme,
        TerritoryId = p.TerritoryId,
        Latitude = p.Latitude?.ToString(CultureInfo.InvariantCulture),
        Longitude = p.Longitude?.ToString(CultureInfo.InvariantCulture),
        ServiceName = p.ServiceName,
        Budget = p.BudgetEuros?.ToString("0.##", CultureInfo.InvariantCulture),
    };

    private static decimal? Euros(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var text = typed.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal).Replace("€", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DomainException("Le budget doit être un montant en euros, par exemple 12 500 ou 12500,50.");
    }

    private static double? Coordinate(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        return double.TryParse(typed.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new DomainException("Ces coordonnées ne désignent aucun point.");
    }

    /// <summary>What the form's lists offer: territories as a tree, services named in the roles.</summary>
    public sealed record Choices(List<(int Id, string Label)> Territories, List<string> Services, bool IsAdministrator);

    public static async Task<Choices> ChoicesAsync(ParvisDbContext db, bool isAdministrator) => new(
        await TerritoryTree.OptionsAsync(db),
        await db.RoleAssignments.Where(r => r.ServiceName != null).Select(r => r.ServiceName!).Distinct().OrderBy(n => n).ToListAsync(),
        isAdministrator);
}
