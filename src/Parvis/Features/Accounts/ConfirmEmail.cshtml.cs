using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Accounts;

public class ConfirmEmailModel(UserManager<ParvisUser> users) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid userId, string? code)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        var token = SignUpModel.Decode(code);
        if (user is null || token is null) return Page();
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        return Page();
    }
}
