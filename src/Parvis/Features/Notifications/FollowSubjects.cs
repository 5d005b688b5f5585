using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Notifications;

/// <summary>
/// The one place that knows what each followable item is: its title and page, and whether the public may see it
/// (a draft petition, an unpublished consultation or a hidden contribution cannot be followed, nor named in a notice).
/// </summary>
public sealed class FollowSubjects(ParvisDbContext db)
{
    public sealed record Subject(FollowSubjectKind Kind, int Id, string Title, string Path);

    public async Task<Subject?> FindAsync(FollowSubjectKind kind, int id)
    {
        var title = kind switch
        {
            FollowSubjectKind.Consultation => await db.Consultations.Where(c => c.Id == id && c.PublishedAt != null)
                .Select(c => c.Title).FirstOrDefaultAsync(),
            FollowSubjectKind.Contribution => await db.Contributions
                .Where(c => c.Id == id && c.State == ModerationState.Published && c.Consultation!.PublishedAt != null)
                .Select(c => c.Title ?? c.Body).FirstOrDefaultAsync(),
            FollowSubjectKind.Proposal => await db.Proposals.Where(p => p.Id == id && p.State == ModerationState.Published)
                .Select(p => p.Title).FirstOrDefaultAsync(),
            FollowSubjectKind.Petition => await db.Petitions
                .Where(p => p.Id == id && (p.Status == PetitionStatus.Open || p.Status == PetitionStatus.Closed))
                .Select(p => p.Title).FirstOrDefaultAsync(),
            FollowSubjectKind.Project => await db.Projects.Where(p => p.Id == id && p.PublishedAt != null)
                .Select(p => p.Title).FirstOrDefaultAsync(),
            FollowSubjectKind.Territory => await db.Territories.Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(),
            FollowSubjectKind.Meeting => await db.Meetings.Where(m => m.Id == id && m.PublishedAt != null)
                .Select(m => m.Title).FirstOrDefaultAsync(),
            FollowSubjectKind.Council => await db.Councils.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(),
            _ => null,
        };
        return title is null ? null : new Subject(kind, id, Notification.Shorten(Excerpt(title)), PathOf(kind, id));
    }

    public static string PathOf(FollowSubjectKind kind, int id) => kind switch
    {
        FollowSubjectKind.Consultation => $"/concertations/{id}",
        FollowSubjectKind.Contribution => $"/contributions/{id}",
        FollowSubjectKind.Proposal => $"/propositions/{id}",
        FollowSubjectKind.Petition => $"/petitions/{id}",
        FollowSubjectKind.Project => $"/projets/{id}",
        FollowSubjectKind.Territory => $"/nous-avons-fait/territoires/{id}",
        FollowSubjectKind.Meeting => $"/reunions/{id}",
        _ => $"/conseils/{id}",
    };

    public static string Label(FollowSubjectKind kind) => kind switch
    {
        FollowSubjectKind.Consultation => "Concertation",
        FollowSubjectKind.Contribution => "Contribution",
        FollowSubjectKind.Proposal => "Proposition",
        FollowSubjectKind.Petition => "Pétition",
        FollowSubjectKind.Project => "Projet",
        FollowSubjectKind.Territory => "Territoire",
        FollowSubjectKind.Meeting => "Rencontre",
        _ => "Conseil",
    };

    // A contribution without a title is named by the start of its text, on one line.
    private static string Excerpt(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= 80 ? line : line[..79] + "…";
    }
}
