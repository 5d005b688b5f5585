using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Accounts;

/// <summary>The link sent to a new address: its GET shows a button, its POST makes the address the account's (and its sign-in name).</summary>
public class ConfirmNewEmailModel(UserManager<ParvisUser> users, SignInManager<ParvisUser> signIn, ParvisDbContext db, AccountMail mail) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public bool Failed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByIdAsync(UserId.ToString());
        var token = SignUpModel.Decode(Code);
        if (user is null || token is null || string.IsNullOrWhiteSpace(Email))
        {
            Failed = true;
            return Page();
        }
        var previous = user.Email!;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await users.ChangeEmailAsync(user, Email, token);
        if (changed.Succeeded) changed = await users.SetUserNameAsync(user, Email);
        if (!changed.Succeeded)
        {
            Failed = true;
            return Page();
        }
        mail.SecurityChanged(previous, user.Pseudonym, "L'adresse e-mail de votre compte a été changée : les messages iront désormais à la nouvelle adresse.");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        mail.Flush();
        // The stamp changed: sessions end everywhere but here, when this browser is the account's.
        if (User.UserId() == user.Id) await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "Votre nouvelle adresse e-mail est confirmée.";
        return User.UserId() == user.Id ? RedirectToPage("/Accounts/Account") : RedirectToPage("/Accounts/Login");
    }
}
