using System.Globalization;
using System.Text;

namespace Parvis.Infrastructure.Web;

/// <summary>
/// The one writer of the CSV files handed to staff, who open them in a spreadsheet: ';' between cells, '\n'
/// between rows, UTF-8 with a byte-order mark (so the accents are read), texts quoted, numbers and UTC times
/// bare, and a text that a spreadsheet would run as a formula neutralised by a leading apostrophe.
/// </summary>
public sealed class CsvFile
{
    /// <summary>What a spreadsheet reads as the start of a formula (OWASP's list: = + - @, tab, carriage return).</summary>
    private const string FormulaStarts = "=+-@\t\r";

    private readonly StringBuilder _text = new();

    /// <param name="columns">The header row: plain names chosen by the code, written as they are.</param>
    public CsvFile(params string[] columns) => _text.Append(string.Join(';', columns)).Append('\n');

    public CsvFile Row(params object?[] cells)
    {
        _text.Append(string.Join(';', cells.Select(Cell))).Append('\n');
        return this;
    }

    public static string Cell(object? value) => value switch
    {
        null => "",
        DateTime time => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Quote(string text)
    {
        if (text.Length > 0 && FormulaStarts.Contains(text[0], StringComparison.Ordinal)) text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    public IResult ToResult(string fileName) => Results.File(ToBytes(), "text/csv; charset=utf-8", fileName);
}
