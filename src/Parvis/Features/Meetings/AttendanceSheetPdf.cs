using Parvis.Features.Identity;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static Parvis.Features.Shared.PdfText;

namespace Parvis.Features.Meetings;

public sealed record AttendanceSheet(string OrganizationName, string Title, string When, string Where, IReadOnlyList<string> Names, string PrintedOn);

/// <summary>
/// The feuille d'émargement: the confirmed names in order, a column to sign, A4 pages with the heading repeated,
/// and a few empty lines for people who come without registering.
/// </summary>
public static class AttendanceSheetPdf
{
    private const int BlankLines = 8;

    public static byte[] Render(AttendanceSheet sheet)
    {
        DejaVuFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Feuille d'émargement — {sheet.Title}";
        var regular = new XFont(DejaVuFonts.Family, 10, XFontStyleEx.Regular);
        var bold = new XFont(DejaVuFonts.Family, 10, XFontStyleEx.Bold);
        var heading = new XFont(DejaVuFonts.Family, 14, XFontStyleEx.Bold);
        var rows = sheet.Names.Concat(Enumerable.Repeat("", BlankLines)).ToList();
        const double rowHeight = 10;
        var index = 0;
        var pageNumber = 0;
        while (index < rows.Count || pageNumber == 0)
        {
            pageNumber++;
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var g = XGraphics.FromPdfPage(page);
            g.DrawString(sheet.OrganizationName, bold, XBrushes.Black, Mm(15), Mm(15));
            g.DrawString(Fit(g, $"Feuille d'émargement — {sheet.Title}", heading, Mm(180)), heading, XBrushes.Black, Mm(15), Mm(23));
            g.DrawString(Fit(g, sheet.When, regular, Mm(180)), regular, XBrushes.Black, Mm(15), Mm(30));
            g.DrawString(Fit(g, sheet.Where, regular, Mm(180)), regular, XBrushes.Black, Mm(15), Mm(35));
            g.DrawString($"Imprimée le {sheet.PrintedOn} — page {pageNumber}", regular, XBrushes.Black, Mm(15), Mm(287));
            var y = Mm(45);
            g.DrawString("N°", bold, XBrushes.Black, Mm(15), y);
            g.DrawString("Nom", bold, XBrushes.Black, Mm(28), y);
            g.DrawString("Signature", bold, XBrushes.Black, Mm(130), y);
            y += Mm(3);
            var pen = new XPen(XColors.Gray, 0.5);
            while (index < rows.Count && y + Mm(rowHeight) < Mm(280))
            {
                g.DrawLine(pen, Mm(15), y, Mm(195), y);
                g.DrawString((index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), regular, XBrushes.Black, Mm(15), y + Mm(6.5));
                if (rows[index].Length > 0) g.DrawString(Fit(g, rows[index], regular, Mm(98)), regular, XBrushes.Black, Mm(28), y + Mm(6.5));
                y += Mm(rowHeight);
                index++;
            }
            g.DrawLine(pen, Mm(15), y, Mm(195), y);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
