using System.Text;
using System.Xml;

namespace Parvis.Infrastructure.Web;

/// <summary>Text bound for an XML document (Open311, news feeds).</summary>
public static class XmlSafe
{
    /// <summary>XML 1.0 cannot carry every character a text may hold (controls): they are dropped, not escaped.</summary>
    public static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) kept.Append(text[i]).Append(text[++i]);
        }
        return kept.ToString();
    }
}
