using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parvis.Domain;
using Parvis.Testing;

namespace Parvis.Tests.Projects;

/// <summary>Fresh projects and phases for one test, and the staff page's form helpers.</summary>
internal static class ProjectData
{
    public const string Form = "main form:not([action*=handler])";

    public static string NewTitle(string start = "Projet") => start + " " + Guid.NewGuid().ToString("N")[..8];

    public static Dictionary<string, string?> Valid(string title) => new()
    {
        ["Form.Title"] = title,
        ["Form.Summary"] = "Une place plus verte.",
        ["Form.Description"] = "Des **arbres** et des bancs.",
        ["Form.Theme"] = "Environment",
        ["Form.Latitude"] = "48,8368",
        ["Form.Longitude"] = "2.3392",
        ["Form.Budget"] = "1 250 000,50",
    };

    /// <summary>A project of organization A (or the one given), published unless said otherwise, with phases relative to today.</summary>
    public static Task<int> NewProjectAsync(this ParvisFactory app, bool published = true, Action<Project>? adjust = null,
        Organization? organization = null, params (ProjectPhaseKind Kind, int From, int? To)[] phases) =>
        app.InOrganizationAsync(organization ?? app.OrganizationA, async (db, _) =>
        {
            var project = new Project { Title = NewTitle() };
            project.Describe(new ProjectDescription(project.Title, "Résumé", "Description", ProjectTheme.Mobility, null, null, null, null, null), DateTime.UtcNow);
            adjust?.Invoke(project);
            if (published) project.Publish(DateTime.UtcNow);
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            foreach (var (kind, from, to) in phases)
            {
                var phase = new ProjectPhase { Name = "", ProjectId = project.Id };
                phase.Describe("Phase " + kind, kind, today.AddDays(from), to is { } t ? today.AddDays(t) : null, null);
                db.ProjectPhases.Add(phase);
            }
            await db.SaveChangesAsync();
            return project.Id;
        });

    public static string Id(this int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Posts a file to the staff page's AddFile handler with the form token of the page.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient staff, int project, bool photo, byte[] content, string fileName,
        string contentType, string? text)
    {
        var page = await staff.GetDocumentAsync($"/admin/projets/{project}");
        using var upload = new MultipartFormDataContent();
        upload.Add(new StringContent(page.QuerySelector("form[action*=AddFile] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        if (photo) upload.Add(new StringContent("true"), "photo");
        if (text is not null) upload.Add(new StringContent(text), photo ? "altText" : "fileTitle");
        upload.Add(new ByteArrayContent(content) { Headers = { ContentType = new(contentType) } }, "file", fileName);
        return await staff.PostAsync($"/admin/projets/{project}?handler=AddFile", upload);
    }

    public static byte[] Png() =>
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static Task<List<string>> AuditAsync(this ParvisFactory app, int project) =>
        app.InAAsync(db => db.AuditEntries.Where(a => a.TargetType == "Project" && a.TargetId == project.Id())
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
