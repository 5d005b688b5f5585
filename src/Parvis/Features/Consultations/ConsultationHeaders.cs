using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Files;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Consultations;

/// <summary>
/// What a consultation's page shows the same to everyone (the consultation with its territory and sorted questions,
/// its files), from <see cref="OrganizationCache"/>: per organization, evicted by any staff action. Who may see an
/// unpublished consultation, and everything about the person, is still decided per request by the page.
/// The consultation is a shared, untracked copy: for reading only, never for a command.
/// </summary>
public sealed class ConsultationHeaders(ParvisDbContext db, OrganizationCache cache, FileCommands files)
{
    public Task<Consultation?> ConsultationAsync(int id) => cache.GetAsync("consultation", id, async () =>
    {
        var consultation = await db.Consultations.AsNoTracking().Include(c => c.Questions).Include(c => c.Territory)
            .FirstOrDefaultAsync(c => c.Id == id);
        consultation?.Questions.Sort((a, b) => a.Position.CompareTo(b.Position));
        return consultation;
    });

    public Task<ConsultationFiles> FilesAsync(int consultationId) =>
        cache.GetAsync("consultation-files", consultationId, () => files.CoverAndDossierAsync(consultationId));
}
