using System.Text;

namespace Parvis.Features.Identity;

/// <summary>One record of a CSV file and the line it starts on (1 = the header).</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads a CSV file record by record, without holding it in memory: UTF-8 (with or without BOM),
/// ';' or ',' (whichever the header uses more), fields in double quotes may hold separators, doubled
/// quotes ("") and line breaks. Bytes that are not UTF-8 throw a <see cref="DecoderFallbackException"/>.
/// </summary>
public sealed class CsvRows
{
    private readonly char _separator;
    private readonly List<CsvRow> _ready = [];
    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();
    private int _line = 1;
    private int _startLine = 1;
    private bool _inQuotes;
    private bool _quoteSeen;
    private bool _afterCarriageReturn;

    private CsvRows(char separator) => _separator = separator;

    public static async IAsyncEnumerable<CsvRow> ReadAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var header = await reader.ReadLineAsync();
        if (header is null) yield break;
        var parser = new CsvRows(header.Count(c => c == ';') >= header.Count(c => c == ',') ? ';' : ',');
        parser.Feed(header.AsSpan());
        parser.Feed("\n");
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            parser.Feed(buffer.AsSpan(0, read));
            foreach (var row in parser._ready) yield return row;
            parser._ready.Clear();
        }
        parser.End();
        foreach (var row in parser._ready) yield return row;
    }

    private void Feed(ReadOnlySpan<char> chars)
    {
        foreach (var ch in chars) Feed(ch);
    }

    private void Feed(char ch)
    {
        if (_afterCarriageReturn)
        {
            _afterCarriageReturn = false;
            if (ch == '\n') return;
        }
        if (_quoteSeen)
        {
            _quoteSeen = false;
            if (ch == '"')
            {
                _field.Append('"');
                return;
            }
            _inQuotes = false;
        }
        if (_inQuotes)
        {
            if (ch == '"') _quoteSeen = true;
            else
            {
                if (ch == '\n') _line++;
                _field.Append(ch);
            }
            return;
        }
        if (ch == '"' && _field.Length == 0) _inQuotes = true;
        else if (ch == _separator) EndField();
        else if (ch is '\n' or '\r')
        {
            EndRecord();
            _line++;
            _startLine = _line;
            _afterCarriageReturn = ch == '\r';
        }
        else _field.Append(ch);
    }

    private void EndField()
    {
        _fields.Add(_field.ToString());
        _field.Clear();
    }

    private void EndRecord()
    {
        EndField();
        if (_fields.Count > 1 || _fields[0].Trim().Length > 0) _ready.Add(new CsvRow(_startLine, _fields.ToArray()));
        _fields.Clear();
    }

    private void End()
    {
        if (_field.Length > 0 || _fields.Count > 0 || _inQuotes) EndRecord();
    }
}
