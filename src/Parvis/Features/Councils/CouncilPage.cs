using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;

namespace Parvis.Features.Councils;

/// <summary>A page about one council that only some people may open: the council is read, then the policy asked about it.</summary>
public abstract class CouncilPage : PageModel
{
    public Council Council { get; private set; } = null!;

    /// <summary>Null when the person may go on; otherwise the answer: 404 for a council not of this organization, else sign-in or access refused.</summary>
    protected async Task<IActionResult?> EnterAsync(int id, string policy)
    {
        var services = HttpContext.RequestServices;
        var council = await services.GetRequiredService<ParvisDbContext>().Councils.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        if (council is null) return NotFound();
        Council = council;
        if ((await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, council, policy)).Succeeded) return null;
        return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
    }
}
