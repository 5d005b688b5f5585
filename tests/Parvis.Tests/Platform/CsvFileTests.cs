using System.Text;
using Microsoft.AspNetCore.Http;
using Parvis.Infrastructure.Web;

namespace Parvis.Tests.Platform;

/// <summary>Every CSV file the platform produces goes through <see cref="CsvFile"/>: a cell never runs as a spreadsheet formula.</summary>
public class CsvFileTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x.test\")", "\"'=HYPERLINK(\"\"http://x.test\"\")\"")]
    [InlineData("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"")]
    [InlineData("+33 6 00", "\"'+33 6 00\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("Ville A", "\"Ville A\"")]
    [InlineData("a = b", "\"a = b\"")]
    public void A_text_that_a_spreadsheet_would_run_is_neutralised(string text, string cell) =>
        Assert.Equal(cell, CsvFile.Cell(text));

    [Fact]
    public void Numbers_stay_numbers_even_negative() =>
        Assert.Equal(["-1", "2.5", "-0.75"], new object[] { -1, 2.5, -0.75m }.Select(CsvFile.Cell));

    [Fact]
    public void The_file_is_a_bare_header_and_one_line_per_row()
    {
        var text = CsvFile.Text(CsvFormat.Semicolon, ["nom", "jour", "signatures"], csv => csv
            .Row("Élise", new DateOnly(2026, 12, 4), 3)
            .Row(null, new DateTime(2026, 12, 4, 8, 30, 0, DateTimeKind.Utc), -1));
        Assert.Equal("nom;jour;signatures\n\"Élise\";2026-12-04;3\n;2026-12-04T08:30:00Z;-1\n", text);
    }

    [Fact]
    public void The_comma_separator_quotes_texts_that_hold_commas_and_semicolons()
    {
        var text = CsvFile.Text(CsvFormat.Comma, ["id", "texte"], csv => csv.Row(7, "Oui, mais; \"non\"\nsuite"));
        Assert.Equal("id,texte\n7,\"Oui, mais; \"\"non\"\"\nsuite\"\n", text);
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_refused() =>
        Assert.Throws<ArgumentException>(() => CsvFile.Text(CsvFormat.Semicolon, ["a", "b"], csv => csv.Row(1)));

    [Theory]
    [InlineData(';', true)]
    [InlineData(',', false)]
    public async Task A_download_streams_with_the_separator_and_the_mark_asked(char separator, bool mark)
    {
        var http = new DefaultHttpContext();
        var body = new NoSynchronousWrites();
        http.Response.Body = body;
        // More than the writer's buffer, so that it flushes while rows are still coming.
        await CsvFile.Download("x.csv", ["n", "texte"], async csv =>
        {
            for (var i = 0; i < 5_000; i++) await csv.RowAsync(i, "=1+1");
        }, new CsvFormat(separator, mark)).ExecuteAsync(http);
        var bytes = body.ToArray();
        Assert.Equal(mark, bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n');
        Assert.Equal($"n{separator}texte", lines[0]);
        Assert.Equal($"4999{separator}\"'=1+1\"", lines[5_000]);
        Assert.Equal("text/csv; charset=utf-8", http.Response.ContentType);
        Assert.Contains("x.csv", http.Response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        Assert.True(body.Writes > 1);
    }

    /// <summary>A response body as Kestrel's: synchronous writes are refused; what is written asynchronously is kept.</summary>
    private sealed class NoSynchronousWrites : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new InvalidOperationException("synchronous write");

        public override void Flush() => throw new InvalidOperationException("synchronous flush");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            var bytes = buffer.ToArray();
            base.Write(bytes, 0, bytes.Length);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
