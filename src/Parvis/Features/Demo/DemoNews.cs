using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Demo;

/// <summary>The demo's news: posts about the place de la Gare, one scheduled for next week, one with comments.</summary>
public static class DemoNews
{
    public const string ScheduledTitle = "Travaux de la place de la Gare : le calendrier détaillé";
    public const string CommentedTitle = "Place de la Gare : ce que vous avez dit à l'atelier";

    public static async Task SeedAsync(ParvisDbContext db, DateTime now, Territory gare, List<ParvisUser> citizens)
    {
        var project = await db.Projects.Where(p => p.Title == DemoProjects.GareProject).Select(p => p.Id).SingleAsync();
        NewsPost Post(string title, string summary, string body, int publishedDaysAgo, NewsComments comments)
        {
            var post = new NewsPost { Title = "" };
            post.Describe(new NewsDescription(title, summary, body, gare.Id, project, ProjectTheme.Urbanism, comments), now.AddDays(-Math.Max(publishedDaysAgo, 1)));
            post.PublishAt = now.AddDays(-publishedDaysAgo);
            return post;
        }
        var launch = Post("La concertation sur la place de la Gare est ouverte",
            "Jusqu'à la fin du mois, donnez votre avis sur le réaménagement de la place.",
            "La ville engage le **réaménagement de la place de la Gare**.\n\nLisez le dossier, puis contribuez en ligne, "
            + "sur le registre papier de la mairie de quartier ou lors de l'atelier.", 30, NewsComments.Closed);
        var workshop = Post(CommentedTitle, "Plus de soixante habitants ont travaillé sur trois scénarios.",
            "Les participants ont demandé plus d'ombre, un parking vélo abrité et une traversée sûre vers l'école.\n\n"
            + "Le compte rendu complet est joint à la page de la rencontre.", 10, NewsComments.PreModerated);
        var scheduled = Post(ScheduledTitle, "Les dates des deux tranches de travaux et les déviations.",
            "Ce calendrier sera publié une fois validé par le conseil municipal.", -7, NewsComments.PreModerated);
        db.NewsPosts.AddRange(launch, workshop, scheduled);
        await db.SaveChangesAsync();
        db.NewsComments.AddRange(
            NewsComment.Write(workshop, citizens[0].Id, "Merci pour ce compte rendu fidèle : l'ombre était vraiment la demande n° 1.", now.AddDays(-9)),
            NewsComment.Write(workshop, citizens[1].Id, "Quand saura-t-on quel scénario est retenu ?", now.AddDays(-8)));
        await db.SaveChangesAsync();
        // The first was read and published by a moderator; the second still waits in the queue.
        var first = await db.NewsComments.Where(c => c.NewsPostId == workshop.Id).OrderBy(c => c.Id).FirstAsync();
        first.Restore();
        await db.SaveChangesAsync();
    }
}
