using System.Text;
using Parvis.Features.Sortition;

namespace Parvis.Features.Demo;

/// <summary>
/// A completed draw: the residents' college of the conseil citoyen of the Gare, 12 people with gender parity
/// (loi du 21 février 2014, art. 7) and every age bracket, drawn from 120 volunteers with a published seed.
/// </summary>
public static class DemoDraws
{
    public const string Title = "Conseil citoyen du quartier de la Gare : collège des habitants";
    public const string Seed = "loto du 5 decembre 2026 : 7 12 23 34 45";

    public static async Task SeedAsync(IServiceProvider services)
    {
        var commands = services.GetRequiredService<DrawCommands>();
        var draw = await commands.CreateAsync(Title, 12, onePerHousehold: true);
        const string quotas = "feature,value,min,max\ngenre,femme,6,6\ngenre,homme,6,6\n"
            + "age,16-29,2,4\nage,30-44,2,4\nage,45-64,2,4\nage,65+,2,4\n"
            + "secteur,Gare nord,3,6\nsecteur,Gare sud,3,6\n";
        using (var quotaFile = new MemoryStream(Encoding.UTF8.GetBytes(quotas))) await commands.ImportQuotasAsync(draw.Id, quotaFile);
        // Volunteers are older than the quartier and mostly from the north: the quotas make the panel look like it.
        string[] ages = ["16-29", "30-44", "45-64", "65+", "65+", "45-64", "45-64", "30-44"];
        var pool = new StringBuilder("nom;genre;age;secteur;adresse\n");
        for (var i = 0; i < 120; i++)
            pool.Append(FormattableString.Invariant(
                $"Volontaire {i + 1};{(i % 5 < 3 ? "femme" : "homme")};{ages[i % ages.Length]};{(i % 4 == 0 ? "Gare sud" : "Gare nord")};{Address(i)}\n"));
        using (var poolFile = new MemoryStream(Encoding.UTF8.GetBytes(pool.ToString()))) await commands.ImportPoolAsync(draw.Id, poolFile);
        await commands.CommitAsync(draw.Id, Seed);
        await commands.RunAsync(draw.Id);
    }

    /// <summary>Four couples share an address, everyone else lives alone: one per household still applies, and
    /// the pool stays a few groups of alike people, so the draw runs in a blink when every test application
    /// seeds the demo (a pool where everyone shares a household makes every person a group and costs seconds).</summary>
    private static string Address(int volunteer) =>
        FormattableString.Invariant($"{(volunteer < 8 ? volunteer / 2 * 2 + 1 : volunteer * 2 + 1)} rue de la Gare");
}
