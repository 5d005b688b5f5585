using Microsoft.AspNetCore.Mvc.RazorPages;
using Parvis.Domain;
using Parvis.Infrastructure.Tenancy;

namespace Parvis.Features.OpenData;

/// <summary>
/// "Données ouvertes": the organization's datasets with their licence, last change and files (CSV with ',' or ';',
/// JSON, GeoJSON where items have a place), and the data.json catalogue that national portals harvest.
/// </summary>
public class IndexModel(OpenDataSets sets, TenantContext tenant) : PageModel
{
    public sealed record Row(IOpenDataSet Set, DateTime? Modified, IReadOnlyList<(string Label, string Path, string MediaType, string FileType)> Files);

    public OpenDataLicenceInfo Licence { get; private set; } = OpenDataLicenceInfo.Of(OpenDataLicence.LicenceOuverte20);
    public List<Row> Rows { get; } = [];

    public async Task OnGetAsync()
    {
        Licence = OpenDataLicenceInfo.Of(tenant.Organization.DataLicence);
        foreach (var set in sets.All())
        {
            var modified = await set.ModifiedAsync();
            Rows.Add(new Row(set, modified is { } m ? tenant.Organization.ToLocal(m) : null, [.. OpenDataEndpoints.Files(set)]));
        }
    }
}
