using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Identity;

/// <summary>Uploading the electoral or resident list: it replaces the current list of its kind, and may revoke what the old one verified.</summary>
[Authorize(Policy = Policies.Administer)]
public class CensusUploadModel(CensusUploads uploads, ParvisDbContext db) : PageModel
{
    public List<CensusFile> Files { get; private set; } = [];
    public Dictionary<int, int> ActiveVerifications { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Files = await db.CensusFiles.AsNoTracking().OrderByDescending(f => f.UploadedAt).ThenByDescending(f => f.Id).Take(20).ToListAsync();
        var ids = Files.Select(f => (int?)f.Id).ToList();
        ActiveVerifications = await db.Verifications.AsNoTracking().Where(v => ids.Contains(v.CensusFileId) && v.RevokedAt == null)
            .GroupBy(v => v.CensusFileId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CensusKind kind, bool revokeOld)
    {
        if (!Enum.IsDefined(kind)) ModelState.AddModelError("kind", "Choisissez le type de liste.");
        if (file is null || file.Length == 0) ModelState.AddModelError("file", "Choisissez un fichier CSV.");
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }
        try
        {
            await using var stream = file!.OpenReadStream();
            var result = await uploads.UploadAsync(stream, file.FileName, kind, revokeOld, User.UserId()!.Value);
            TempData["Loaded"] = result.File.RowCount;
            TempData["Duplicates"] = result.Duplicates;
            TempData["Revoked"] = revokeOld && result.ReplacedRows is not null ? result.Revoked : -1;
        }
        catch (CensusFileRejectedException e)
        {
            foreach (var problem in e.Problems) ModelState.AddDomainError("file", problem);
            await OnGetAsync();
            return Page();
        }
        return RedirectToPage();
    }
}
