using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using nietras.SeparatedValues;

namespace Parvis.Infrastructure.Web;

/// <summary>
/// How a CSV file is laid out: the separator (';' for French spreadsheets, ',' for everyone else) and whether it
/// starts with the UTF-8 byte-order mark (so that a spreadsheet reads the accents).
/// </summary>
public sealed record CsvFormat(char Separator, bool ByteOrderMark)
{
    /// <summary>What staff open in a French spreadsheet: ';' and the byte-order mark.</summary>
    public static readonly CsvFormat Semicolon = new(';', true);

    public static readonly CsvFormat Comma = new(',', true);

    public CsvFormat WithoutByteOrderMark => this with { ByteOrderMark = false };
}

/// <summary>
/// The one writer of every CSV file the platform produces (staff exports, public logs, draws, open data), on the
/// Sep library: one row per line ('\n'), the header bare, texts quoted (doubled quotes inside), numbers and UTC
/// times bare, and a text that a spreadsheet would run as a formula neutralised by a leading apostrophe — here
/// and nowhere else. Rows are written as they come to a <see cref="TextWriter"/>; <see cref="Download"/> streams
/// them to the response, so a file is never held whole in memory.
/// </summary>
public sealed class CsvFile : IAsyncDisposable, IDisposable
{
    /// <summary>What a spreadsheet reads as the start of a formula (OWASP's list: = + - @, tab, carriage return).</summary>
    private const string FormulaStarts = "=+-@\t\r";

    private readonly SepWriter _writer;
    private readonly int _width;

    /// <param name="columns">The header row: plain names chosen by the code, written as they are.</param>
    private CsvFile(TextWriter text, CsvFormat format, string[] columns)
    {
        _writer = Sep.New(format.Separator)
            .Writer(o => o with { WriteHeader = false, Escape = false, CultureInfo = CultureInfo.InvariantCulture })
            .To(text, leaveOpen: true);
        _width = columns.Length;
        using var header = _writer.NewRow();
        for (var i = 0; i < columns.Length; i++) header[i].Set(columns[i]);
    }

    /// <summary>A file written to <paramref name="text"/> (its encoding decides the byte-order mark).</summary>
    public static CsvFile To(TextWriter text, CsvFormat format, params string[] columns) => new(text, format, columns);

    /// <summary>A small file as text, without the byte-order mark (kept in the database, e.g. a draw's round files).</summary>
    public static string Text(CsvFormat format, string[] columns, Action<CsvFile> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = new CsvFile(text, format, columns)) rows(csv);
        return text.ToString();
    }

    /// <summary>Writes a row at once: for a <see cref="TextWriter"/> in memory (<see cref="Text"/>).</summary>
    public CsvFile Row(params object?[] cells)
    {
        CheckWidth(cells);
        using var row = _writer.NewRow();
        Fill(row, cells);
        return this;
    }

    /// <summary>Writes a row; the bytes go out when the response's buffer is full.</summary>
    public async ValueTask RowAsync(params object?[] cells)
    {
        CheckWidth(cells);
        var row = _writer.NewRow();
        Fill(row, cells);
        await row.DisposeAsync();
    }

    private void CheckWidth(object?[] cells)
    {
        if (cells.Length != _width) throw new ArgumentException($"A row of {cells.Length} cells in a file of {_width} columns.", nameof(cells));
    }

    private static void Fill(SepWriter.Row row, object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++) row[i].Set(Cell(cells[i]));
    }

    public static string Cell(object? value) => value switch
    {
        null => "",
        DateTime time => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        int or long or short or byte or double or decimal => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        bool flag => flag ? "true" : "false",
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Quote(string text)
    {
        if (text.Length > 0 && FormulaStarts.Contains(text[0], StringComparison.Ordinal)) text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// A download written as it is read: <paramref name="rows"/> writes each row with <see cref="RowAsync"/>.
    /// Whatever must happen before (the audit entry) is done before this result runs.
    /// </summary>
    public static CsvDownload Download(string fileName, string[] columns, Func<CsvFile, Task> rows, CsvFormat? format = null) =>
        new(fileName, columns, rows, format ?? CsvFormat.Semicolon);
}

/// <summary>The answer of a CSV download, for endpoints (<see cref="IResult"/>) and pages (<see cref="IActionResult"/>).</summary>
public sealed class CsvDownload(string fileName, string[] columns, Func<CsvFile, Task> rows, CsvFormat format) : IResult, IActionResult
{
    public const string ContentType = "text/csv; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName, FileNameStar = fileName }.ToString();
        // A HEAD asks whether the file is there and what it is: its headers, without reading a row.
        if (HttpMethods.IsHead(httpContext.Request.Method)) return;
        await using var text = new StreamWriter(response.Body, new UTF8Encoding(format.ByteOrderMark), 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        await using (var csv = CsvFile.To(text, format, columns)) await rows(csv);
        await text.FlushAsync(httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}
