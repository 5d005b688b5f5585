using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Email;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Accounts;

[RateLimited(RateLimits.PasswordReset)]
public class ForgotPasswordModel(UserManager<ParvisUser> users, ParvisDbContext db, EmailQueue mail, TenantContext tenant, PublicLinks links, Microsoft.Extensions.Localization.IStringLocalizer<Parvis.Resources.SharedResource> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Indiquez votre adresse e-mail.")]
    [StringLength(256, ErrorMessage = "L'adresse e-mail est trop longue.")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.FindByEmailAsync(Email.Trim());
        // The same answer whether or not the account exists: the form does not reveal who is registered.
        if (user is { EmailConfirmed: true })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = links.To(Url.Page("/Accounts/ResetPassword", new { userId = user.Id, code = SignUpModel.Encode(token) })!);
            mail.Enqueue(user.Email!, text["{0} : nouveau mot de passe", tenant.Organization.Name],
                $"{text["Bonjour,"]}\n\n{text["Pour choisir un nouveau mot de passe, ouvrez ce lien :"]}\n{link}\n\n{text["Si vous n'avez rien demandé, ignorez ce message."]}");
            await db.SaveChangesAsync();
            mail.Flush();
        }
        Sent = true;
        return Page();
    }
}
