using System.Text;
using Parvis.Infrastructure.Web;

namespace Parvis.Tests.Platform;

/// <summary>Every CSV file handed to staff goes through <see cref="CsvFile"/>: a cell never runs as a spreadsheet formula.</summary>
public class CsvFileTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x.test\")", "\"'=HYPERLINK(\"\"http://x.test\"\")\"")]
    [InlineData("+33 6 00", "\"'+33 6 00\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("Ville A", "\"Ville A\"")]
    public void A_text_that_a_spreadsheet_would_run_is_neutralised(string text, string cell) =>
        Assert.Equal(cell, CsvFile.Cell(text));

    [Fact]
    public void The_file_is_utf8_with_its_mark_a_bare_header_and_one_line_per_row()
    {
        var bytes = new CsvFile("nom", "jour", "signatures").Row("Élise", new DateOnly(2026, 12, 4), 3).Row(null, new DateTime(2026, 12, 4, 8, 30, 0, DateTimeKind.Utc), -1).ToBytes();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("nom;jour;signatures\n\"Élise\";2026-12-04;3\n;2026-12-04T08:30:00Z;-1\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}
