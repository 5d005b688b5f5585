using PdfSharp.Drawing;
using QRCoder;

namespace Parvis.Features.Shared;

/// <summary>What every printed document needs from PDFsharp that it does not do itself: lines cut to a width, QR codes.</summary>
public static class PdfText
{
    public static double Mm(double mm) => mm * 72 / 25.4;

    /// <summary>A text longer than its column is cut with "…" rather than written over the next one.</summary>
    public static string Fit(XGraphics g, string text, XFont font, double width)
    {
        if (g.MeasureString(text, font).Width <= width) return text;
        var cut = text;
        while (cut.Length > 1 && g.MeasureString(cut + "…", font).Width > width) cut = cut[..^1];
        return cut + "…";
    }

    /// <summary>The text broken into lines no wider than <paramref name="width"/>, at spaces (a word too long is cut).</summary>
    public static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (g.MeasureString(candidate, font).Width <= width) line = candidate;
                else
                {
                    if (line.Length > 0) lines.Add(line);
                    line = Fit(g, word, font, width);
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>A QR code drawn as squares (sharp at any size, no image to decode), its top left corner at x, y.</summary>
    public static void DrawQrCode(XGraphics g, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
            for (var column = 0; column < matrix.Count; column++)
                if (matrix[row][column])
                    g.DrawRectangle(XBrushes.Black, x + column * module, y + row * module, module + 0.05, module + 0.05);
    }
}
