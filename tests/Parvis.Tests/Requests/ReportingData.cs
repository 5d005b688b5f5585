using System.Globalization;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Requests;

/// <summary>Categories and requests of their own for the reporting tests, so that no test reads another's rows.</summary>
public static class ReportingData
{
    public const string Form = "form.report-form";

    /// <summary>A fresh category of organization A (or B) asking one question of each kind; returns its code and id.</summary>
    public static Task<(string Code, int Id)> NewReportCategoryAsync(this ParvisFactory app, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var code = "test-" + Guid.NewGuid().ToString("N")[..10];
            var category = new RequestCategory
            {
                Code = code,
                Name = "Banc cassé " + code[5..],
                Group = "Mobilier urbain",
                ServiceName = "Service voirie",
                TargetHours = 48,
                Questions =
                [
                    new() { Code = "texte", Prompt = "Repère", Kind = QuestionKind.ShortText, Position = 1 },
                    new() { Code = "detail", Prompt = "Détails", Kind = QuestionKind.LongText, Position = 2 },
                    new() { Code = "nombre", Prompt = "Nombre de bancs", Kind = QuestionKind.Number, Required = true, Position = 3 },
                    new() { Code = "depuis", Prompt = "Depuis quand", Kind = QuestionKind.Date, Position = 4 },
                    new() { Code = "danger", Prompt = "Est-ce dangereux ?", Kind = QuestionKind.SingleChoice, Required = true, Position = 5, Choices = "oui=Oui\nnon=Non" },
                    new() { Code = "quoi", Prompt = "Ce qui est abîmé", Kind = QuestionKind.MultipleChoice, Position = 6, Choices = "assise=Assise\ndossier=Dossier\npieds=Pieds" },
                ],
            };
            db.RequestCategories.Add(category);
            await db.SaveChangesAsync();
            return (code, category.Id);
        });

    /// <summary>The required answers and a place in Centre-ville (48.86, 2.36).</summary>
    public static Dictionary<string, string?> Valid(string description, double lat = 48.86, double lon = 2.36) => new()
    {
        ["Input.Description"] = description,
        ["Input.Latitude"] = lat.ToString(CultureInfo.InvariantCulture),
        ["Input.Longitude"] = lon.ToString(CultureInfo.InvariantCulture),
        ["Reponse.nombre"] = "2",
        ["Reponse.danger"] = "oui",
    };

    public static string Url(string code) => $"/signalements/nouveau?categorie={code}";

    /// <summary>"Continuer": the page of the last step, with the requests nearby.</summary>
    public static async Task<IHtmlDocument> ContinueAsync(this HttpClient client, string code, IDictionary<string, string?> values) =>
        await client.SubmitAndReadAsync(Url(code), Form, values);

    /// <summary>Both steps, as a person without JavaScript: "Continuer", then "Envoyer".</summary>
    public static async Task<HttpResponseMessage> ReportAsync(this HttpClient client, string code, IDictionary<string, string?> values)
    {
        var step = await client.ContinueAsync(code, values);
        if (step.Errors().Count > 0) throw new InvalidOperationException("The first step refused: " + string.Join("; ", step.Errors()));
        return await client.SubmitAsync(step, Url(code), Form, values);
    }

    public static Task<ServiceRequest?> RequestWithAsync(this ParvisFactory app, string description, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, (db, _) =>
            db.ServiceRequests.AsNoTracking().IgnoreQueryFilters().Include(r => r.Answers).ThenInclude(a => a.Question).Include(r => r.Photos)
                .FirstOrDefaultAsync(r => r.Description == description));

    /// <summary>An open, visible request of the category at the point, written directly.</summary>
    public static Task<int> SeedRequestAsync(this ParvisFactory app, int categoryId, double lat, double lon, RequestStatus status = RequestStatus.Submitted,
        bool hidden = false, Guid? authorId = null, Organization? organization = null) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var now = DateTime.UtcNow;
            var request = new ServiceRequest
            {
                CategoryId = categoryId,
                ServiceName = "Service voirie",
                Description = "Signalement de test " + Guid.NewGuid().ToString("N")[..8],
                Latitude = lat,
                Longitude = lon,
                Status = status,
                SubmittedAt = now.AddDays(-1),
                UpdatedAt = now,
                DueAt = now.AddDays(2),
                ClosedAt = ServiceRequest.IsOpenStatus(status) ? null : now,
                IsHidden = hidden,
                AuthorId = authorId,
            };
            db.ServiceRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

    public static Task<Organization> SetRequestSettingsAsync(this ParvisFactory app, Action<RequestSettings> change) =>
        app.InAAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == app.OrganizationA.Id);
            change(organization.Requests);
            await db.SaveChangesAsync();
            app.ForgetOrganizationCache(ParvisFactory.HostA);
            return organization;
        });
}
