using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Infrastructure.Data;
using Parvis.Infrastructure.Tenancy;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests;

/// <summary>What a report holds, whether it comes from the form or from an Open311 client.</summary>
/// <param name="Answers">The extra questions' answers, by question code; several values for a multiple choice.</param>
public sealed record RequestInput(int CategoryId, string? Description, double? Latitude, double? Longitude, string? Address,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Answers, string? Email = null, string? Name = null);

/// <summary>
/// Turns a report into a request of this organization: the category must be active here, the extra
/// questions answered as their kinds say, the location placed in its territory, the due time set from
/// the category's target. Shared by the form and the Open311 POST; the caller adds photos, decides
/// whether an e-mail must be confirmed, adds the row and saves once.
/// </summary>
public sealed class RequestSubmission(ParvisDbContext db, TenantContext tenant, TimeProvider clock, Geocoder geocoder)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<List<RequestCategory>> ActiveCategoriesAsync() =>
        db.RequestCategories.AsNoTracking().Include(c => c.Questions.OrderBy(q => q.Position))
            .Where(c => c.IsActive).OrderBy(c => c.Group).ThenBy(c => c.Position).ThenBy(c => c.Name).ToListAsync();

    public async Task<ServiceRequest> PrepareAsync(RequestInput input, Guid? authorId, int? apiKeyId = null)
    {
        var category = await db.RequestCategories.AsNoTracking().Include(c => c.Questions)
            .FirstOrDefaultAsync(c => c.Id == input.CategoryId && c.IsActive)
            ?? throw new DomainException("Choisissez une catégorie de la liste.");
        var error = ServiceRequest.Validate(input.Description, input.Latitude, input.Longitude, input.Address);
        if (error is not null) throw new DomainException(error);
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : EmailAddress.Parse(input.Email).Typed;
        if (email is { Length: > ServiceRequest.MaxEmail }) throw new DomainException("L'adresse e-mail est trop longue.");
        var name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim();
        if (name is { Length: > ServiceRequest.MaxName }) throw DomainException.WithValues("Le nom dépasse {0} caractères.", ServiceRequest.MaxName);

        var (latitude, longitude) = (input.Latitude, input.Longitude);
        if (latitude is null && await LocateAddressAsync(input.Address!) is { } found) (latitude, longitude) = found;

        var answers = new List<RequestAnswer>();
        foreach (var question in category.Questions.OrderBy(q => q.Position))
        {
            var values = input.Answers.TryGetValue(question.Code, out var given) ? given : [];
            if (question.Normalize(values) is { } value) answers.Add(new RequestAnswer { QuestionId = question.Id, Value = value });
        }

        var now = Now;
        return new ServiceRequest
        {
            CategoryId = category.Id,
            ServiceName = category.ServiceName,
            TerritoryId = await TerritoryOfAsync(latitude, longitude),
            Description = input.Description!.Trim(),
            Latitude = latitude,
            Longitude = longitude,
            Address = string.IsNullOrWhiteSpace(input.Address) ? null : input.Address.Trim(),
            AuthorId = authorId,
            ReporterEmail = authorId is null ? email : null,
            ReporterName = name,
            ApiKeyId = apiKeyId,
            Status = RequestStatus.Submitted,
            SubmittedAt = now,
            UpdatedAt = now,
            DueAt = now.AddHours(category.TargetHours),
            Answers = answers,
        };
    }

    /// <summary>
    /// The deepest territory holding the point. Where the organization has drawn its boundaries, a point outside
    /// all of them is refused, naming the territory: the request would reach a service that cannot act there.
    /// </summary>
    private async Task<int?> TerritoryOfAsync(double? latitude, double? longitude)
    {
        if (latitude is not { } lat || longitude is not { } lon) return null;
        var territories = await db.Territories.AsNoTracking().Where(t => t.BoundaryGeoJson != null).ToListAsync();
        if (territories.Count == 0) return null;
        if (Territory.Locate(territories, lon, lat) is { } territory) return territory.Id;
        var outermost = territories.Where(t => t.ParentId is null || territories.All(p => p.Id != t.ParentId)).Select(t => t.Name).Order();
        throw DomainException.WithValues("Ce lieu est hors du territoire de {0} : la collectivité ne peut traiter que les signalements situés sur son territoire.",
            string.Join(", ", outermost));
    }

    /// <summary>
    /// A report placed by its address alone gets the address's point, so that it has its nearby step and its place on
    /// the map; searched near the organization's territory, and kept only inside it (elsewhere it is a homonym).
    /// </summary>
    private async Task<(double, double)?> LocateAddressAsync(string address)
    {
        var territories = await db.Territories.AsNoTracking().Where(t => t.BoundaryGeoJson != null).ToListAsync();
        var outermost = territories.Where(t => t.ParentId is null).Select(t => t.Centre()).FirstOrDefault(c => c is not null);
        if (await geocoder.LocateAsync(address, outermost) is not { } point) return null;
        return territories.Count == 0 || Territory.Locate(territories, point.Longitude, point.Latitude) is not null ? point : null;
    }

    public Organization Organization => tenant.Organization;
}
