using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Accounts;

[RateLimited(RateLimits.Login)]
public class LoginModel(SignInManager<ParvisUser> signIn, UserManager<ParvisUser> users) : PageModel
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
        var user = await users.FindByEmailAsync(Form.Email.Trim());
        if (user is not null && !user.EmailConfirmed && await users.CheckPasswordAsync(user, Form.Password))
        {
            ModelState.AddModelError("", "Confirmez d'abord votre adresse e-mail : ouvrez le lien reçu à l'inscription.");
            return Page();
        }
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        if (result.RequiresTwoFactor) return RedirectToPage("/Accounts/LoginTwoFactor", new { ReturnUrl });
        ModelState.AddModelError("", result.IsLockedOut
            ? "Ce compte est temporairement bloqué après trop d'essais, ou suspendu par la modération."
            : "Adresse e-mail ou mot de passe incorrect.");
        return Page();
    }
}
