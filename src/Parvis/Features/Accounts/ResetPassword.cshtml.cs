using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;

namespace Parvis.Features.Accounts;

public class ResetPasswordModel(UserManager<ParvisUser> users, AccountMail mail, Parvis.Infrastructure.Data.ParvisDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choisissez un nouveau mot de passe.")]
    [StringLength(200, ErrorMessage = "Le mot de passe est trop long.")]
    public string Password { get; set; } = "";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByIdAsync(UserId.ToString());
        var token = SignUpModel.Decode(Code);
        if (user is null || token is null)
        {
            ModelState.AddModelError("", "Ce lien n'est plus valable : demandez-en un nouveau.");
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            return Page();
        }
        mail.SecurityChanged(user.Email!, user.Pseudonym, "Le mot de passe de votre compte vient d'être changé. Vos autres sessions sont fermées.");
        await db.SaveChangesAsync();
        mail.Flush();
        TempData["Message"] = "Votre mot de passe est changé : connectez-vous.";
        return RedirectToPage("/Accounts/Login");
    }
}
