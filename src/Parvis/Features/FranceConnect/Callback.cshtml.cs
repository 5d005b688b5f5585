using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Identity;
using Parvis.Infrastructure.Operations;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.FranceConnect;

/// <summary>
/// The provider's answer. Every check that fails ends on this page with a French message (logged),
/// never with a sign-in or a verification: the state and its one-time cookie, the provider's error,
/// the code exchange, the ID token (signature, issuer, audience, lifetime, nonce, acr) and userinfo.
/// </summary>
public class CallbackModel(TenantContext tenant, IDataProtectionProvider protection, OidcClient oidc, OidcCookies cookies,
    FranceConnectCommands commands, UserManager<ParvisUser> users, SignInManager<ParvisUser> signIn, ILogger<CallbackModel> log) : PageModel
{
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(15);

    public string? Error { get; private set; }
    public string DisplayName { get; private set; } = "";
    public string? ReturnUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? state, string? code, string? error, string? error_description)
    {
        if (OidcSettings.Of(tenant.Organization, protection) is not { } settings) return NotFound();
        DisplayName = settings.DisplayName;
        var flow = cookies.Read<OidcFlow>(HttpContext, OidcCookies.Flow);
        // One use only: a replayed or forged callback finds no cookie.
        OidcCookies.Delete(HttpContext, OidcCookies.Flow);
        if (flow is null)
            return Refuse("Cette réponse de connexion n'est pas attendue : la demande a expiré ou a déjà servi. Recommencez.", "no flow cookie");
        ReturnUrl = flow.ReturnUrl;
        if (state is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(flow.State)))
            return Refuse("Cette réponse de connexion ne correspond pas à votre demande. Recommencez.", "state mismatch");
        if (!string.IsNullOrEmpty(error))
            return Refuse(error == "access_denied"
                ? "Vous avez annulé la connexion : rien n'a été vérifié."
                : "Le fournisseur d'identité a refusé la demande. Réessayez plus tard.", $"provider error {error}: {error_description}");
        if (string.IsNullOrEmpty(code)) return Refuse("La réponse du fournisseur d'identité est incomplète. Recommencez.", "no code");
        if (flow.UserId != User.UserId())
            return Refuse("Votre session a changé pendant la vérification. Recommencez.", "signed-in account changed during the flow");

        CertifiedIdentity identity;
        try { identity = await oidc.CompleteAsync(settings, code, StartModel.CallbackUri(Request), flow, HttpContext.RequestAborted); }
        catch (OidcException e) { return Refuse(e.Message, e.Detail); }

        try
        {
            if (User.UserId() is { } userId)
            {
                var me = await users.FindByIdAsync(userId.ToString());
                if (me is null || me.OrganizationId != tenant.OrganizationId) return Refuse("Votre compte est introuvable.", "signed-in account not found");
                Done(me, identity, await commands.LinkAndVerifyAsync(me, identity), "Votre identité est vérifiée.");
                return LocalRedirect(flow.ReturnUrl);
            }
            if (await commands.LinkedAccountAsync(identity) is { } linked)
            {
                if (linked.BlockedAt is not null || await users.IsLockedOutAsync(linked))
                    return Refuse("Ce compte est suspendu : la connexion est refusée.", "blocked account");
                // A second factor cannot be skipped by another way in.
                if (linked.TwoFactorEnabled)
                    return Refuse("Ce compte est protégé par une double authentification : connectez-vous avec votre mot de passe et votre code.", "two-factor account");
                var note = await commands.VerifyAsync(linked, identity);
                await signIn.SignInAsync(linked, isPersistent: false);
                Done(linked, identity, note, "Vous êtes connecté, et votre identité est vérifiée.");
                return LocalRedirect(flow.ReturnUrl);
            }
            if (await commands.EmailTakenAsync(identity.Email))
                return Refuse(FranceConnectCommands.EmailTakenMessage, "e-mail of an existing account: not linked");
            cookies.Write(HttpContext, OidcCookies.Pending, new PendingAccount(identity, flow.ReturnUrl), PendingLifetime);
            return RedirectToPage("/FranceConnect/CreateAccount");
        }
        catch (DomainException e) { return Refuse(e.Message, "refused by a rule"); }
    }

    internal void Done(ParvisUser user, CertifiedIdentity identity, string? note, string message)
    {
        cookies.Write(HttpContext, OidcCookies.Session, new FranceConnectSession(user.Id, identity.Issuer, identity.GivenName, identity.FamilyName, identity.IdToken), null);
        TempData["Message"] = note ?? message;
    }

    private PageResult Refuse(string message, string? detail)
    {
        log.LogWarning("OpenID response refused: {Detail}", PersonalDataMask.Text(detail));
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
