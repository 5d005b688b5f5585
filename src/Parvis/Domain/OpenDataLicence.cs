namespace Parvis.Domain;

/// <summary>
/// The licence an organization publishes its open data under. Licence Ouverte 2.0 by default: with ODbL 1.0 it is
/// one of the two licences that French administrations may use for data without asking for approval (article
/// D. 323-2-1 of the code des relations entre le public et l'administration); the Creative Commons ones are for the
/// organizations that are not administrations (associations hosting a dialogue).
/// </summary>
public enum OpenDataLicence { LicenceOuverte20, Odbl10, CcBy40, CcBySa40 }

/// <summary>A licence's name and the page that states it (its id in data.json).</summary>
public sealed record OpenDataLicenceInfo(OpenDataLicence Licence, string Name, string Url)
{
    public static readonly IReadOnlyList<OpenDataLicenceInfo> All =
    [
        new(OpenDataLicence.LicenceOuverte20, "Licence Ouverte / Open Licence 2.0 (Etalab)", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
        new(OpenDataLicence.Odbl10, "Open Database License (ODbL) 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
        new(OpenDataLicence.CcBy40, "Creative Commons Attribution 4.0 (CC BY 4.0)", "https://creativecommons.org/licenses/by/4.0/"),
        new(OpenDataLicence.CcBySa40, "Creative Commons Attribution – Partage dans les mêmes conditions 4.0 (CC BY-SA 4.0)",
            "https://creativecommons.org/licenses/by-sa/4.0/"),
    ];

    public static OpenDataLicenceInfo Of(OpenDataLicence licence) => All.FirstOrDefault(l => l.Licence == licence) ?? All[0];
}
