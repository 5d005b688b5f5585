using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Admin;

/// <summary>Exports of a consultation's contributions, reactions and comments, with pseudonymised authors.</summary>
public static class ExportEndpoints
{
    public static void MapConsultationExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/concertations/{id:int}").RequireAuthorization(Policies.Administer);
        group.MapGet("/export.json", async (int id, ParvisDbContext db, AuditLog audit) =>
        {
            var data = await LoadAsync(db, id);
            if (data is null) return Results.NotFound();
            audit.Record("consultation.export", nameof(Consultation), id, "json");
            await db.SaveChangesAsync();
            return Results.Json(data, statusCode: 200);
        });
        group.MapGet("/export.csv", async (int id, ParvisDbContext db, AuditLog audit) =>
        {
            var data = await LoadAsync(db, id);
            if (data is null) return Results.NotFound();
            audit.Record("consultation.export", nameof(Consultation), id, "csv");
            await db.SaveChangesAsync();
            return CsvFile.Download($"concertation-{id}.csv",
                ["type", "id", "parent", "auteur", "canal", "date", "texte", "position_ou_reaction", "accord", "desaccord", "recue_le", "lieu_reception"],
                async csv =>
                {
                    foreach (var c in data.Contributions)
                        await csv.RowAsync("contribution", c.Id, null, c.Author, c.Channel, c.CreatedAt, c.Body, null, c.Agree, c.Disagree, c.ReceivedAt, c.ReceivedPlace);
                    foreach (var c in data.Comments)
                        await csv.RowAsync("commentaire", c.Id, c.ContributionId, c.Author, null, c.CreatedAt, c.Body, c.Stance, null, null, null, null);
                    foreach (var r in data.Reactions)
                        await csv.RowAsync("reaction", null, r.ContributionId, r.Author, null, r.CreatedAt, null, r.Kind, null, null, null, null);
                });
        });
    }

    public sealed record ExportData(int ConsultationId, string Title, List<ExportContribution> Contributions, List<ExportComment> Comments, List<ExportReaction> Reactions);
    public sealed record ExportContribution(int Id, string Author, string Channel, int? RegisterNumber, DateTime CreatedAt, string? Title, string Body, int Agree, int Disagree,
        DateTime? ReceivedAt, string? ReceivedPlace);
    public sealed record ExportComment(long Id, int ContributionId, long? ParentId, string Author, DateTime CreatedAt, string? Body, string Stance);
    public sealed record ExportReaction(int ContributionId, string Author, string Kind, DateTime CreatedAt);

    private static async Task<ExportData?> LoadAsync(ParvisDbContext db, int id)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (consultation is null) return null;
        // A keyed hash per consultation: the same person has the same alias within one export, and cannot be linked across exports.
        var key = Encoding.UTF8.GetBytes($"parvis-export:{consultation.OrganizationId}:{id}");
        string Alias(Guid? user, string? offline) => user is null ? (offline is null ? "anonyme" : "hors-ligne")
            : "p-" + Convert.ToHexString(HMACSHA256.HashData(key, user.Value.ToByteArray()))[..12].ToLowerInvariant();
        var contributions = await db.Contributions.AsNoTracking().Where(c => c.ConsultationId == id && c.State == ModerationState.Published).OrderBy(c => c.Id).ToListAsync();
        var ids = contributions.Select(c => c.Id).ToList();
        var comments = await db.Comments.AsNoTracking().Where(c => ids.Contains(c.ContributionId) && c.State == ModerationState.Published).OrderBy(c => c.Id).ToListAsync();
        var reactions = await db.Reactions.AsNoTracking().Where(r => ids.Contains(r.ContributionId)).OrderBy(r => r.Id).ToListAsync();
        return new ExportData(id, consultation.Title,
            contributions.Select(c => new ExportContribution(c.Id, Alias(c.AuthorId, c.OfflineAuthorName), c.Channel.ToString(), c.RegisterNumber, c.CreatedAt, c.Title, c.Body, c.AgreeCount, c.DisagreeCount,
                c.ReceivedAt, c.ReceivedPlace)).ToList(),
            comments.Select(c => new ExportComment(c.Id, c.ContributionId, c.ParentId, Alias(c.AuthorId, null), c.CreatedAt, c.DeletedAt is null ? c.Body : null, c.Stance.ToString())).ToList(),
            reactions.Select(r => new ExportReaction(r.ContributionId, Alias(r.UserId, null), r.Kind.ToString(), r.CreatedAt)).ToList());
    }
}
