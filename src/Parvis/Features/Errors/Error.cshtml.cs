using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Parvis.Features.Errors;

[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }

    // Read from the query string by hand: binding would read the form of a re-executed POST,
    // the very body that may have been refused as too large or malformed.
    public void OnGet() => Code = ReadCode();

    public void OnPost() => Code = ReadCode();

    private int ReadCode() =>
        int.TryParse(Request.Query["code"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 500;
}
