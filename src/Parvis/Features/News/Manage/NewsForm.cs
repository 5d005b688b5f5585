using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Consultations;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.News.Manage;

/// <summary>The post form shared by the new and edit pages; the domain checks the rules (<see cref="NewsPost.Describe"/>).</summary>
public sealed class NewsForm
{
    [Required(ErrorMessage = "Le titre est obligatoire.")]
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public int? TerritoryId { get; set; }
    public int? ProjectId { get; set; }
    public ProjectTheme? Theme { get; set; }
    public NewsComments Comments { get; set; } = NewsComments.PreModerated;

    public NewsDescription ToDescription() => new(Title, Summary, Body, TerritoryId, ProjectId, Theme, Comments);

    public static NewsForm From(NewsPost p) => new()
    {
        Title = p.Title,
        Summary = p.Summary,
        Body = p.BodyMarkdown,
        TerritoryId = p.TerritoryId,
        ProjectId = p.ProjectId,
        Theme = p.Theme,
        Comments = p.Comments,
    };

    /// <summary>What the form's lists offer: territories as a tree, every project (drafts too: a post may announce one).</summary>
    public sealed record Choices(List<(int Id, string Label)> Territories, List<(int Id, string Title)> Projects);

    public static async Task<Choices> ChoicesAsync(ParvisDbContext db) => new(
        await TerritoryTree.OptionsAsync(db),
        (await db.Projects.AsNoTracking().OrderBy(p => p.Title).Take(500).Select(p => new { p.Id, p.Title }).ToListAsync())
            .Select(p => (p.Id, p.Title)).ToList());

    public static string Label(NewsComments c) => c switch
    {
        NewsComments.Closed => "Pas de commentaires",
        NewsComments.PreModerated => "Commentaires publiés après relecture",
        _ => "Commentaires publiés aussitôt, modérés après",
    };
}
