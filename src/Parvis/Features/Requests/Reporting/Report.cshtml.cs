using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Features.Shared;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Reporting;

/// <summary>What the form posts; coordinates as typed, so that "48,85" and a mistyped value get a clear message.</summary>
public sealed class ReportForm
{
    public int? CategoryId { get; set; }
    public string? Description { get; set; }
    public string? Address { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string?[] PhotoDescriptions { get; set; } = new string?[ServiceRequest.MaxPhotos];
}

/// <summary>
/// Reporting without JavaScript, in steps: the category (a GET form), then the details; "Continuer" checks
/// them and shows the open requests of the same category nearby ("déjà signalé ?", follow one instead),
/// then "Non, envoyer mon signalement" sends. The photos are asked at that last step, so nobody uploads
/// them twice and a refused send only asks for them again.
/// </summary>
[RateLimited(RateLimits.Posting)]
public class ReportModel(ParvisDbContext db, RequestSubmission submission, ReportCommands commands, TenantContext tenant) : PageModel
{
    public const string PhotoField = "Photo";

    public List<RequestCategory> Categories { get; private set; } = [];
    public RequestCategory? Category { get; private set; }
    /// <summary>Set at the last step: the open requests nearby (possibly none).</summary>
    public List<NearbyRequest>? Nearby { get; private set; }
    public (double Lat, double Lng)? MapCenter { get; private set; }
    /// <summary>The point was found from the address typed: the person is asked to check it.</summary>
    public bool LocatedByAddress { get; private set; }
    public bool SignedIn => User.UserId() is not null;
    public Organization Organization => tenant.Organization;
    public RequestSettings Settings => tenant.Organization.Requests;
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Answers { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    [BindProperty(SupportsGet = true, Name = "categorie")] public string? CategoryCode { get; set; }
    [BindProperty] public ReportForm Input { get; set; } = new();

    public async Task OnGetAsync()
    {
        await LoadAsync(null);
        if (CategoryCode is not null && Category is null) ModelState.AddModelError("", "Choisissez une catégorie de la liste.");
    }

    public async Task<IActionResult> OnPostContinueAsync()
    {
        ModelState.Clear();
        await LoadAsync(Input.CategoryId);
        try
        {
            var input = ReadInput();
            var request = await commands.CheckAsync(User, input);
            // Placed by its address alone: the address's point is searched nearby and carried to the send step.
            if (input.Latitude is null && request.Latitude is { } lat && request.Longitude is { } lon)
            {
                Input.Latitude = lat.ToString(CultureInfo.InvariantCulture);
                Input.Longitude = lon.ToString(CultureInfo.InvariantCulture);
                LocatedByAddress = true;
            }
            Nearby = await commands.NearbyAsync(input.CategoryId, request.Latitude, request.Longitude);
        }
        catch (DomainException e)
        {
            ModelState.AddDomainError("Input", e);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync()
    {
        ModelState.Clear();
        await LoadAsync(Input.CategoryId);
        RequestInput? input = null;
        try
        {
            input = ReadInput();
            var request = await commands.SendAsync(User, input, Photos());
            if (request.AwaitingEmail)
            {
                TempData["Message"] = "Merci : ouvrez le lien envoyé à votre adresse e-mail pour transmettre votre signalement (il est valable 7 jours).";
                return Redirect("/");
            }
            TempData["Message"] = "Merci, votre signalement est transmis au service concerné : vous recevrez un e-mail à chaque étape.";
            return Redirect(SignedIn ? "/compte/signalements" : $"/signalements/{request.Id}");
        }
        catch (DomainException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddDomainError("Input", e);
            // A refusal at sending keeps the last step: the requests nearby and the photo fields stay in view.
            if (input is not null) Nearby = await commands.NearbyAsync(input.CategoryId, input.Latitude, input.Longitude);
            else Nearby = [];
            return Page();
        }
    }

    public IReadOnlyList<string> AnswerOf(string code) => Answers.TryGetValue(code, out var values) ? values : [];

    private RequestInput ReadInput()
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var question in Category?.Questions ?? [])
            answers[question.Code] = Request.Form[AnswerField(question.Code)].Select(v => (v ?? "").Replace("\0", "", StringComparison.Ordinal)).ToList();
        Answers = answers;
        var latitude = Coordinate(Input.Latitude, "La latitude");
        var longitude = Coordinate(Input.Longitude, "La longitude");
        return new RequestInput(Input.CategoryId ?? 0, Input.Description, latitude, longitude, Input.Address, answers, Input.Email, Input.Name);
    }

    public static string AnswerField(string code) => "Reponse." + code;

    private List<PhotoUpload> Photos()
    {
        var photos = new List<PhotoUpload>();
        foreach (var file in Request.Form.Files.Where(f => f.Length > 0))
        {
            var index = file.Name.StartsWith(PhotoField, StringComparison.Ordinal) && int.TryParse(file.Name[PhotoField.Length..], CultureInfo.InvariantCulture, out var n) ? n - 1 : -1;
            var description = index >= 0 && index < Input.PhotoDescriptions.Length ? Input.PhotoDescriptions[index] : null;
            photos.Add(new PhotoUpload(file, description));
        }
        return photos;
    }

    private static double? Coordinate(string? typed, string what)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        if (double.TryParse(typed.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        throw DomainException.WithValues("{0} doit être un nombre (par exemple 48.8566).", what);
    }

    private async Task LoadAsync(int? categoryId)
    {
        Categories = await submission.ActiveCategoriesAsync();
        Category = categoryId is { } id ? Categories.FirstOrDefault(c => c.Id == id)
            : CategoryCode is { } code ? Categories.FirstOrDefault(c => c.Code == code) : null;
        if (Category is not null)
        {
            Input.CategoryId = Category.Id;
            MapCenter = await MapCenterAsync();
        }
    }

    // The map opens on the organization's widest territory (the middle of its boundary's box), not on all of France.
    private async Task<(double, double)?> MapCenterAsync()
    {
        var widest = await db.Territories.AsNoTracking().Where(t => t.ParentId == null && t.BoundaryGeoJson != null)
            .OrderBy(t => t.Id).FirstOrDefaultAsync();
        return widest?.Centre();
    }
}
