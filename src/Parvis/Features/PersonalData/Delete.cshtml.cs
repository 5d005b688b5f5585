using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.PersonalData;

/// <summary>"Supprimer mon compte": the password again (or a typed word for an account without one), and what becomes of what the person wrote.</summary>
[Authorize]
[RateLimited(RateLimits.Login)]
public class DeleteModel(UserManager<ParvisUser> users, SignInManager<ParvisUser> signIn, AccountEraser eraser, ParvisDbContext db) : PageModel, IRedisplaysBrokenRules
{
    /// <summary>Typed by a person whose account has no password (created through FranceConnect).</summary>
    public const string ConfirmationWord = "SUPPRIMER";

    public bool HasPassword { get; private set; }
    public bool IsStaff { get; private set; }
    public int Contributions { get; private set; }
    public int Comments { get; private set; }

    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Confirmation { get; set; }
    /// <summary>"keep": shown as "Participant supprimé"; "erase": removed with the account.</summary>
    [BindProperty] public string? Choice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        if (Choice is not ("keep" or "erase"))
            ModelState.AddModelError(nameof(Choice), "Choisissez ce que deviennent vos contributions et commentaires.");
        if (HasPassword)
        {
            if (string.IsNullOrEmpty(Password) || Password.Length > 200)
                ModelState.AddModelError(nameof(Password), "Saisissez votre mot de passe pour confirmer.");
            else if (!(await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true)).Succeeded)
                ModelState.AddModelError(nameof(Password), "Mot de passe incorrect : le compte n'a pas été supprimé.");
        }
        else if (!string.Equals(Confirmation?.Trim(), ConfirmationWord, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Confirmation), "Tapez SUPPRIMER en majuscules pour confirmer.");
        }
        if (!ModelState.IsValid) return Page();
        await eraser.EraseAsync(user, Choice == "erase", "account.delete", AuthorName.Deleted);
        await signIn.SignOutAsync();
        TempData["Message"] = "Votre compte est supprimé. Merci d'avoir participé.";
        return Redirect("/");
    }

    private async Task LoadAsync(ParvisUser user)
    {
        HasPassword = await users.HasPasswordAsync(user);
        IsStaff = user.IsPlatformOperator || await db.RoleAssignments.AnyAsync(r => r.UserId == user.Id);
        Contributions = await db.Contributions.CountAsync(c => c.AuthorId == user.Id);
        Comments = await db.Comments.CountAsync(c => c.AuthorId == user.Id && c.DeletedAt == null);
    }
}
