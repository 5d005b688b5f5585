using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Parvis.Infrastructure.Web;

namespace Parvis.Features.Requests.Open311;

/// <summary>One element of an answer: its fields in the order the spec lists them.</summary>
public sealed class Open311Item : List<KeyValuePair<string, object?>>
{
    public Open311Item With(string name, object? value)
    {
        Add(new(name, value));
        return this;
    }
}

/// <summary>A nested list: JSON writes an array, XML a wrapper named after the field holding one element per item.</summary>
/// <param name="ItemName">The XML element of each item ("attribute", "value", "format").</param>
/// <param name="Items">Items (<see cref="Open311Item"/>) or plain values.</param>
public sealed record Open311List(string ItemName, IReadOnlyList<object?> Items);

/// <summary>
/// An answer of the API, written as the spec's JSON or XML from the same items: JSON is an array of
/// objects (or one object), XML a root element holding one element per item (&lt;services&gt;&lt;service&gt;…).
/// Dates are written by the caller as ISO 8601 strings with their offset.
/// </summary>
public sealed record Open311Document(string Root, string ItemName, IReadOnlyList<Open311Item> Items, bool IsObject = false)
{
    public static Open311Document One(string root, Open311Item item) => new(root, root, [item], IsObject: true);

    public static Open311Document Errors(int code, string description) =>
        new("errors", "error", [new Open311Item().With("code", code).With("description", description)]);

    public IResult ToResult(string format, int status = StatusCodes.Status200OK) => format == "xml"
        ? Results.Text(ToXml(), "text/xml; charset=utf-8", Encoding.UTF8, status)
        : Results.Text(ToJson(), "application/json; charset=utf-8", Encoding.UTF8, status);

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (IsObject) WriteObject(json, Items[0]);
            else
            {
                json.WriteStartArray();
                foreach (var item in Items) WriteObject(json, item);
                json.WriteEndArray();
            }
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteObject(Utf8JsonWriter json, Open311Item item)
    {
        json.WriteStartObject();
        foreach (var (name, value) in item)
        {
            json.WritePropertyName(name);
            WriteValue(json, value);
        }
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case double d: json.WriteNumberValue(d); break;
            case Open311Item item: WriteObject(json, item); break;
            case Open311List list:
                json.WriteStartArray();
                foreach (var element in list.Items) WriteValue(json, element);
                json.WriteEndArray();
                break;
            default: throw new InvalidOperationException($"No JSON form for {value.GetType().Name}.");
        }
    }

    public string ToXml()
    {
        var root = IsObject ? Element(Root, Items[0]) : new XElement(Root, Items.Select(i => Element(ItemName, i)));
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings)) new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static XElement Element(string name, Open311Item item) => new(name, item.Select(f => Value(f.Key, f.Value)));

    private static XElement Value(string name, object? value) => value switch
    {
        null => new XElement(name),
        string s => new XElement(name, XmlSafe.Clean(s)),
        bool b => new XElement(name, b ? "true" : "false"),
        int i => new XElement(name, i.ToString(CultureInfo.InvariantCulture)),
        double d => new XElement(name, d.ToString("R", CultureInfo.InvariantCulture)),
        Open311Item item => Element(name, item),
        Open311List list => new XElement(name, list.Items.Select(v => Value(list.ItemName, v))),
        _ => throw new InvalidOperationException($"No XML form for {value.GetType().Name}."),
    };
}
