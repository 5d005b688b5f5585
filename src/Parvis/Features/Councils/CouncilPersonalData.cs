using Microsoft.EntityFrameworkCore;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Councils;

/// <summary>A candidacy of the person: never public, in their download only.</summary>
public sealed record ExportCouncilCandidacy(string Council, string College, string Name, string? Motivation,
    string Status, DateTime CreatedAt, DateTime? DecidedAt, string Url);

/// <summary>An agenda item the person proposed, with the answer of the council's secretary or its animators.</summary>
public sealed record ExportCouncilAgendaItem(string Council, string Title, string Body, string Status, string? Reason,
    DateTime CreatedAt, DateTime? DecidedAt, string Url);

/// <summary>A seat the person held or holds on a council (public, in the council's history).</summary>
public sealed record ExportCouncilMandate(string Council, string College, string Name, string Role, DateOnly StartsOn,
    DateOnly? EndsOn, string Url);

public sealed record CouncilExport(List<ExportCouncilCandidacy> Candidacies, List<ExportCouncilAgendaItem> Items,
    List<ExportCouncilMandate> Mandates);

/// <summary>
/// A person's council data in their download. At the erasure of the account the database does the rest: the
/// candidacies and animator grants go with the account, agenda items and mandates stay without it.
/// </summary>
public static class CouncilPersonalData
{
    public static async Task<CouncilExport> ExportAsync(ParvisDbContext db, Guid userId)
    {
        var councils = db.Councils.AsNoTracking();
        var colleges = db.CouncilColleges.AsNoTracking();
        var candidacies = await db.CouncilCandidacies.AsNoTracking().Where(c => c.UserId == userId)
            .OrderBy(c => c.CreatedAt).Select(c => new
            {
                Council = councils.Where(x => x.Id == c.CouncilId).Select(x => x.Name).FirstOrDefault(),
                College = colleges.Where(x => x.Id == c.CollegeId).Select(x => x.Name).FirstOrDefault(),
                c.CouncilId,
                c.Name,
                c.Motivation,
                c.Status,
                c.CreatedAt,
                c.DecidedAt,
            }).ToListAsync();
        var items = await db.CouncilAgendaItems.AsNoTracking().Where(i => i.AuthorId == userId)
            .OrderBy(i => i.CreatedAt).Select(i => new
            {
                Council = councils.Where(x => x.Id == i.CouncilId).Select(x => x.Name).FirstOrDefault(),
                i.CouncilId,
                i.Title,
                i.Body,
                i.Status,
                i.Reason,
                i.CreatedAt,
                i.DecidedAt,
            }).ToListAsync();
        var mandates = await db.CouncilMandates.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.StartsOn)
            .Select(m => new
            {
                Council = councils.Where(x => x.Id == m.CouncilId).Select(x => x.Name).FirstOrDefault(),
                College = colleges.Where(x => x.Id == m.CollegeId).Select(x => x.Name).FirstOrDefault(),
                m.CouncilId,
                m.Name,
                m.Role,
                m.StartsOn,
                m.EndsOn,
            }).ToListAsync();
        return new CouncilExport(
            candidacies.Select(c => new ExportCouncilCandidacy(c.Council ?? "", c.College ?? "", c.Name, c.Motivation,
                CouncilLabels.Of(c.Status), c.CreatedAt, c.DecidedAt, $"/conseils/{c.CouncilId}")).ToList(),
            items.Select(i => new ExportCouncilAgendaItem(i.Council ?? "", i.Title, i.Body, CouncilLabels.Of(i.Status),
                i.Reason, i.CreatedAt, i.DecidedAt, $"/conseils/{i.CouncilId}#ordre-du-jour")).ToList(),
            mandates.Select(m => new ExportCouncilMandate(m.Council ?? "", m.College ?? "", m.Name,
                CouncilLabels.Of(m.Role), m.StartsOn, m.EndsOn, $"/conseils/{m.CouncilId}")).ToList());
    }
}
