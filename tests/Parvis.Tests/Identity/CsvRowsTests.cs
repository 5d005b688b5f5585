using System.Text;
using Parvis.Features.Identity;
using Parvis.Testing;

namespace Parvis.Tests.Identity;

public class CsvRowsTests
{
    private static async Task<List<CsvRow>> ReadAsync(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom) bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        var rows = new List<CsvRow>();
        await foreach (var row in CsvRows.ReadAsync(new MemoryStream(bytes))) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task Quoted_fields_hold_separators_quotes_and_line_breaks_and_lines_are_counted_as_in_the_file()
    {
        var rows = await ReadAsync("nom;prenoms;date_naissance\r\n\"DE LA FONTAINE; dit \"\"Jean\"\"\";\"Jean\r\nBaptiste\";08/07/1621\r\n\r\nRACINE;Jean;22/12/1639", bom: true);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["nom", "prenoms", "date_naissance"], rows[0].Fields);
        Assert.Equal(2, rows[1].Line);
        Assert.Equal(["DE LA FONTAINE; dit \"Jean\"", "Jean\r\nBaptiste", "08/07/1621"], rows[1].Fields);
        Assert.Equal(5, rows[2].Line);
        Assert.Equal(["RACINE", "Jean", "22/12/1639"], rows[2].Fields);
    }

    [Fact]
    public async Task The_header_decides_between_commas_and_semicolons()
    {
        var rows = await ReadAsync("nom,prenoms,date_naissance\nHUGO,Victor;Marie,26/02/1802\n");
        Assert.Equal(["HUGO", "Victor;Marie", "26/02/1802"], rows[1].Fields);
    }

    [Fact]
    public async Task The_sample_file_of_the_documentation_is_read_whole()
    {
        await using var file = File.OpenRead(Path.Combine(Repository.Root, "docs", "exemple-liste-electorale.csv"));
        var rows = new List<CsvRow>();
        await foreach (var row in CsvRows.ReadAsync(file)) rows.Add(row);
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal(4, r.Fields.Count));
        Assert.Equal(["DUPONT-LEROY", "Éloïse Marie", "1990-05-17", "centre ville"], rows[5].Fields);
    }
}
