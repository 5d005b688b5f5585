using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Files;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Files;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Projects;

/// <summary>
/// A project's documents (PDF or image) and photos (re-encoded images, their alternative text required), stored
/// through <see cref="FileCommands.StoreAsync"/> as meetings' minutes are; public with the published project.
/// </summary>
public sealed class ProjectFileCommands(ParvisDbContext db, FileCommands files, IFileStorage storage, AuditLog audit, TimeProvider clock)
{
    public const int MaxFiles = 40;

    public async Task AddAsync(Project project, IFormFile? upload, bool photo, string? title, string? altText)
    {
        // Checked before the bytes are stored: a refused photo leaves nothing behind.
        var alt = photo ? ProjectFile.CheckAltText(altText) : null;
        if (await db.ProjectFiles.CountAsync(f => f.ProjectId == project.Id) >= MaxFiles)
            throw DomainException.WithValues("Un projet compte {0} documents et photos au plus.", MaxFiles);
        var file = await files.StoreAsync(upload, photo ? FileKind.Photo : FileKind.Document, photo ? alt : title);
        var now = clock.GetUtcNow().UtcDateTime;
        db.StoredFiles.Add(file);
        db.ProjectFiles.Add(new ProjectFile { ProjectId = project.Id, FileId = file.Id, IsPhoto = photo, AltText = alt, AddedAt = now });
        project.UpdatedAt = now;
        audit.Record(photo ? "project.photo.add" : "project.document.add", nameof(Project), project.Id, file.Title);
        try
        {
            await db.SaveChangesAsync();
        }
        catch
        {
            await files.DiscardAsync(file);
            throw;
        }
    }

    public async Task RemoveAsync(Project project, int projectFileId)
    {
        var link = await db.ProjectFiles.FirstOrDefaultAsync(f => f.Id == projectFileId && f.ProjectId == project.Id)
            ?? throw new DomainException("Ce document n'existe plus.");
        var file = await db.StoredFiles.FirstAsync(f => f.Id == link.FileId);
        db.ProjectFiles.Remove(link);
        db.StoredFiles.Remove(file);
        project.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(link.IsPhoto ? "project.photo.remove" : "project.document.remove", nameof(Project), project.Id, file.Title);
        await db.SaveChangesAsync();
        // The bytes go once the database no longer points at them.
        await storage.DeleteAsync(file.StorageKey);
    }

    /// <summary>The project's files as staff manage them.</summary>
    public async Task<List<(int Id, bool IsPhoto, string? AltText, FileView File)>> ListAsync(int projectId) =>
        (await db.ProjectFiles.AsNoTracking().Where(f => f.ProjectId == projectId).OrderBy(f => f.Id)
            .Join(db.StoredFiles, f => f.FileId, s => s.Id, (f, s) => new { f.Id, f.IsPhoto, f.AltText, View = new FileView(s.Id, s.Title, s.ContentType, s.Size) })
            .ToListAsync()).Select(f => (f.Id, f.IsPhoto, f.AltText, f.View)).ToList();
}
