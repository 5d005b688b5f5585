using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Accounts;

[RateLimited(RateLimits.SignUp)]
public class SignUpModel(UserManager<ParvisUser> users, ParvisDbContext db, AccountMail mail, TenantContext tenant, TimeProvider clock) : PageModel
{
    [BindProperty] public SignUpForm Form { get; set; } = new();

    public sealed class SignUpForm
    {
        [Required(ErrorMessage = "Indiquez votre adresse e-mail.")]
        [EmailAddress(ErrorMessage = "L'adresse e-mail n'est pas valide.")]
        [StringLength(256, ErrorMessage = "L'adresse e-mail est trop longue.")]
        [Display(Name = "Adresse e-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choisissez un pseudonyme.")]
        [StringLength(60, MinimumLength = 2, ErrorMessage = "Le pseudonyme compte de 2 à 60 caractères.")]
        public string Pseudonym { get; set; } = "";

        [StringLength(100, ErrorMessage = "Le prénom est trop long.")]
        public string? FirstName { get; set; }

        [StringLength(100, ErrorMessage = "Le nom est trop long.")]
        public string? LastName { get; set; }

        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        [StringLength(200, ErrorMessage = "Le mot de passe est trop long.")]
        public string Password { get; set; } = "";

        public bool AcceptCharter { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Form.AcceptCharter) ModelState.AddModelError("Form.AcceptCharter", "Acceptez la charte de participation pour créer un compte.");
        if (!ModelState.IsValid) return Page();

        var user = new ParvisUser
        {
            OrganizationId = tenant.OrganizationId,
            UserName = Form.Email.Trim(),
            Email = Form.Email.Trim(),
            Pseudonym = Form.Pseudonym.Trim(),
            FirstName = Form.FirstName?.Trim(),
            LastName = Form.LastName?.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, Form.Password);
        if (result.Errors.Any() && result.Errors.All(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            // The address has an account: the visitor reads what a new account would show, its owner gets an e-mail
            // (in the language the visitor used, as every e-mail of the sign-up).
            var owner = (await users.FindByEmailAsync(user.Email))!;
            if (owner.EmailConfirmed) mail.SignUpWithYourAddress(owner);
            else mail.ConfirmAddress(owner, await ConfirmationLinkAsync(owner));
        }
        else if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            return Page();
        }
        else mail.ConfirmAddress(user, await ConfirmationLinkAsync(user));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        mail.Flush();
        TempData["Message"] = "Compte créé. Un e-mail de confirmation vient de vous être envoyé : ouvrez le lien qu'il contient pour vous connecter.";
        return RedirectToPage("/Accounts/Login");
    }

    private async Task<string> ConfirmationLinkAsync(ParvisUser user)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        return mail.Link(Url.Page("/Accounts/ConfirmEmail", new { userId = user.Id, code = Encode(token) })!);
    }

    internal static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    internal static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }
}
