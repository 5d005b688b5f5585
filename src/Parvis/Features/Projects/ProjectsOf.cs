using Microsoft.AspNetCore.Mvc;
using Parvis.Domain;

namespace Parvis.Features.Projects;

/// <summary>
/// "The projects this item belongs to", on a consultation's, meeting's, proposal's or petition's page:
/// <c>@await Component.InvokeAsync("ProjectsOf", new { kind, id })</c>. Published projects only; nothing when none.
/// </summary>
public sealed class ProjectsOfViewComponent(ProjectQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(OutcomeSubjectKind kind, int id) =>
        View("/Features/Projects/_ProjectsOf.cshtml", await queries.ProjectsOfAsync(kind, id));
}
