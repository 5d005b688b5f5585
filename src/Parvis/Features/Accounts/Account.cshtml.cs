using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Accounts;

/// <summary>
/// "Mon compte": the pseudonym and names, the e-mail address (changed once the new address confirms it) and the
/// password. Each security change is told to the account's address.
/// </summary>
[Authorize]
[RateLimited(RateLimits.Login)]
public class AccountModel(UserManager<ParvisUser> users, SignInManager<ParvisUser> signIn, ParvisDbContext db, AccountMail mail) : PageModel
{
    public ProfileForm Profile { get; private set; } = new();
    public EmailForm Email { get; private set; } = new();
    public PasswordForm Password { get; private set; } = new();
    public string CurrentEmail { get; private set; } = "";
    public bool HasPassword { get; private set; }

    public sealed class ProfileForm
    {
        [Required(ErrorMessage = "Choisissez un pseudonyme.")]
        [StringLength(60, MinimumLength = 2, ErrorMessage = "Le pseudonyme compte de 2 à 60 caractères.")]
        public string Pseudonym { get; set; } = "";

        [StringLength(100, ErrorMessage = "Le prénom est trop long.")]
        public string? FirstName { get; set; }

        [StringLength(100, ErrorMessage = "Le nom est trop long.")]
        public string? LastName { get; set; }
    }

    public sealed class EmailForm
    {
        [Required(ErrorMessage = "Indiquez votre adresse e-mail.")]
        [EmailAddress(ErrorMessage = "L'adresse e-mail n'est pas valide.")]
        [StringLength(256, ErrorMessage = "L'adresse e-mail est trop longue.")]
        public string NewAddress { get; set; } = "";

        [StringLength(200, ErrorMessage = "Le mot de passe est trop long.")]
        public string? CurrentPassword { get; set; }
    }

    public sealed class PasswordForm
    {
        [StringLength(200, ErrorMessage = "Le mot de passe est trop long.")]
        public string? CurrentPassword { get; set; }

        [Required(ErrorMessage = "Choisissez un nouveau mot de passe.")]
        [StringLength(200, ErrorMessage = "Le mot de passe est trop long.")]
        public string NewPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostProfileAsync([Bind(Prefix = nameof(Profile))] ProfileForm profile)
    {
        if (await LoadAsync() is not { } user) return Challenge();
        Profile = profile;
        if (!ModelState.IsValid) return Page();
        user.Pseudonym = profile.Pseudonym.Trim();
        user.FirstName = string.IsNullOrWhiteSpace(profile.FirstName) ? null : profile.FirstName.Trim();
        user.LastName = string.IsNullOrWhiteSpace(profile.LastName) ? null : profile.LastName.Trim();
        await users.UpdateAsync(user);
        // The header shows the pseudonym from the sign-in.
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "Vos informations sont enregistrées.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEmailAsync([Bind(Prefix = nameof(Email))] EmailForm email)
    {
        if (await LoadAsync() is not { } user) return Challenge();
        Email = email;
        if (!ModelState.IsValid) return Page();
        var address = email.NewAddress.Trim();
        if (HasPassword && !await users.CheckPasswordAsync(user, email.CurrentPassword ?? ""))
            ModelState.AddModelError("Email.CurrentPassword", "Le mot de passe actuel n'est pas le bon.");
        else if (string.Equals(address, user.Email, StringComparison.OrdinalIgnoreCase))
            ModelState.AddModelError("Email.NewAddress", "C'est déjà l'adresse de votre compte.");
        if (!ModelState.IsValid) return Page();
        // An address held by another account gets nothing, and the answer is the same: the form tells no one who is registered.
        if (await users.FindByEmailAsync(address) is null)
        {
            var token = await users.GenerateChangeEmailTokenAsync(user, address);
            var link = mail.Link(Url.Page("/Accounts/ConfirmNewEmail", new { userId = user.Id, email = address, code = SignUpModel.Encode(token) })!);
            mail.ConfirmNewAddress(address, user.Pseudonym, link);
        }
        mail.SecurityChanged(user.Email!, user.Pseudonym,
            "Une demande de changement de l'adresse e-mail de votre compte a été faite. L'adresse ne changera que si le lien envoyé à la nouvelle adresse est ouvert.");
        await db.SaveChangesAsync();
        mail.Flush();
        TempData["Message"] = "Un lien de confirmation est envoyé à la nouvelle adresse : ouvrez-le pour terminer le changement.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync([Bind(Prefix = nameof(Password))] PasswordForm password)
    {
        if (await LoadAsync() is not { } user) return Challenge();
        if (!ModelState.IsValid) return Page();
        if (HasPassword && string.IsNullOrEmpty(password.CurrentPassword))
        {
            ModelState.AddModelError("Password.CurrentPassword", "Indiquez votre mot de passe actuel.");
            return Page();
        }
        var result = HasPassword
            ? await users.ChangePasswordAsync(user, password.CurrentPassword ?? "", password.NewPassword)
            : await users.AddPasswordAsync(user, password.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError("Password.CurrentPassword", error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? "Le mot de passe actuel n'est pas le bon." : error.Description);
            return Page();
        }
        // The stamp changed: every other session of the account ends, this one goes on.
        await signIn.RefreshSignInAsync(user);
        mail.SecurityChanged(user.Email!, user.Pseudonym, "Le mot de passe de votre compte vient d'être changé. Vos autres sessions sont fermées.");
        await db.SaveChangesAsync();
        mail.Flush();
        TempData["Message"] = "Votre mot de passe est changé. Vos autres sessions sont fermées.";
        return RedirectToPage();
    }

    private async Task<ParvisUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return null;
        CurrentEmail = user.Email!;
        HasPassword = await users.HasPasswordAsync(user);
        Profile = new ProfileForm { Pseudonym = user.Pseudonym, FirstName = user.FirstName, LastName = user.LastName };
        return user;
    }
}
