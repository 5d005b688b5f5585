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

    public async Task<Subject?> FindAsync(FollowSubjectKind kind, int id) =>
        (await TitlesAsync(kind, [id])).TryGetValue(id, out var title) ? ToSubject(kind, id, title) : null;

    /// <summary>The visible ones among many items (a person's follows): one query per kind, whatever their number.</summary>
    public async Task<Dictionary<(FollowSubjectKind Kind, int Id), Subject>> FindAllAsync(IEnumerable<(FollowSubjectKind Kind, int Id)> items)
    {
        var found = new Dictionary<(FollowSubjectKind, int), Subject>();
        foreach (var group in items.GroupBy(i => i.Kind))
            foreach (var (id, title) in await TitlesAsync(group.Key, [.. group.Select(i => i.Id).Distinct()]))
                found[(group.Key, id)] = ToSubject(group.Key, id, title);
        return found;
    }

    private static Subject ToSubject(FollowSubjectKind kind, int id, string title) =>
        new(kind, id, Notification.Shorten(Excerpt(title)), PathOf(kind, id));

    private async Task<Dictionary<int, string>> TitlesAsync(FollowSubjectKind kind, List<int> ids) => kind switch
    {
        FollowSubjectKind.Consultation => await db.Consultations.Where(PublicItems.Consultations).Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title),
        FollowSubjectKind.Contribution => await db.Contributions.Readable(db.Consultations).Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, Title = c.Title ?? c.Body }).ToDictionaryAsync(c => c.Id, c => c.Title),
        // Not PublicItems.Proposals: a merged proposal stays followable, so its followers hear of the merge.
        FollowSubjectKind.Proposal => await db.Proposals.Where(p => ids.Contains(p.Id) && p.State == ModerationState.Published)
            .Select(p => new { p.Id, p.Title }).ToDictionaryAsync(p => p.Id, p => p.Title),
        FollowSubjectKind.Petition => await db.Petitions.Where(PublicItems.Petitions).Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title }).ToDictionaryAsync(p => p.Id, p => p.Title),
        FollowSubjectKind.Project => await db.Projects.Where(PublicItems.Projects).Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title }).ToDictionaryAsync(p => p.Id, p => p.Title),
        FollowSubjectKind.Territory => await db.Territories.Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name),
        FollowSubjectKind.Meeting => await db.Meetings.Where(PublicItems.Meetings).Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Title }).ToDictionaryAsync(m => m.Id, m => m.Title),
        FollowSubjectKind.Council => await db.Councils.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name),
        _ => [],
    };

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
