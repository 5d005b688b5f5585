using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parvis.Features.FranceConnect;

/// <summary>Where the provider sends the person back after its logout; the state tells our request from a forged link.</summary>
public class SignedOutModel(OidcCookies cookies) : PageModel
{
    public bool Confirmed { get; private set; }

    public void OnGet(string? state)
    {
        var expected = cookies.Read<string>(HttpContext, OidcCookies.Logout);
        OidcCookies.Delete(HttpContext, OidcCookies.Logout);
        Confirmed = expected is not null && state is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(expected));
    }
}
