using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Accounts;

[RateLimited(RateLimits.Login)]
public class LoginModel(SignInManager<ParvisUser> signIn, UserManager<ParvisUser> users, AccountMail mail, ParvisDbContext db) : PageModel
{
    [BindProperty] public LoginForm Form { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class LoginForm
    {
        [Required(ErrorMessage = "Indiquez votre adresse e-mail.")]
        [StringLength(256, ErrorMessage = "L'adresse e-mail est trop longue.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre mot de passe.")]
        [StringLength(200, ErrorMessage = "Le mot de passe est trop long.")]
        public string Password { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        // Every refusal reads the same and costs a password check, whether the account exists or not;
        // what is particular to an account (unconfirmed, locked) is said only to whoever gives its password.
        var user = await users.FindByEmailAsync(Form.Email.Trim());
        if (user is null)
        {
            UnknownAccount.CheckPassword(Form.Password);
            return Refused();
        }
        if (!user.EmailConfirmed)
        {
            if (!await users.CheckPasswordAsync(user, Form.Password)) return Refused();
            ModelState.AddModelError("", "Confirmez d'abord votre adresse e-mail : ouvrez le lien reçu à l'inscription.");
            return Page();
        }
        var wasLockedOut = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, Form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        if (result.RequiresTwoFactor) return RedirectToPage("/Accounts/LoginTwoFactor", new { ReturnUrl });
        if (wasLockedOut)
        {
            // Identity refuses a locked account before looking at the password: look at it, for the same cost and answer.
            if (!await users.CheckPasswordAsync(user, Form.Password)) return Refused();
            ModelState.AddModelError("", "Ce compte est temporairement bloqué après trop d'essais, ou suspendu par la modération.");
            return Page();
        }
        if (result.IsLockedOut)
        {
            mail.LockedOut(user);
            await db.SaveChangesAsync();
            mail.Flush();
        }
        return Refused();
    }

    private PageResult Refused()
    {
        ModelState.AddModelError("", "Adresse e-mail ou mot de passe incorrect.");
        return Page();
    }
}
