using Parvis.Features.Identity;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static Parvis.Features.Shared.PdfText;

namespace Parvis.Features.PaperKits;

/// <summary>
/// The pages of one answer sheet as they fill: each page starts with the organization, the sheet's reference and the
/// link to answer online; text and answer spaces go down the page and continue on the next one.
/// </summary>
internal sealed class PaperSheetCanvas(PdfDocument document, PaperKit kit, string reference) : IDisposable
{
    public const double Left = 18, Right = 192, Width = Right - Left, Bottom = 270;

    private XGraphics? _g;
    private int _pageNumber;

    public XFont Regular { get; } = new(DejaVuFonts.Family, 10, XFontStyleEx.Regular);
    public XFont Small { get; } = new(DejaVuFonts.Family, 8, XFontStyleEx.Regular);
    public XFont Bold { get; } = new(DejaVuFonts.Family, 10, XFontStyleEx.Bold);
    public XFont Heading { get; } = new(DejaVuFonts.Family, 12, XFontStyleEx.Bold);
    public XFont Title { get; } = new(DejaVuFonts.Family, 15, XFontStyleEx.Bold);
    private XFont ReferenceFont { get; } = new(DejaVuFonts.Family, 16, XFontStyleEx.Bold);
    public XPen Pen { get; } = new(XColors.Gray, 0.5);
    public XPen BoxPen { get; } = new(XColors.Black, 0.8);

    /// <summary>Where the next thing is written, in points from the top of the page.</summary>
    public double Y { get; set; }

    public XGraphics G => _g ?? NewPage();

    public XGraphics NewPage()
    {
        _g?.Dispose();
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var g = _g = XGraphics.FromPdfPage(page);
        _pageNumber++;
        g.DrawString(Fit(g, kit.OrganizationName, Bold, Mm(110)), Bold, XBrushes.Black, Mm(Left), Mm(16));
        g.DrawString(reference, ReferenceFont, XBrushes.Black, new XRect(Mm(120), Mm(9), Mm(Right - 120), Mm(9)), XStringFormats.TopRight);
        g.DrawString($"Référence de la feuille · page {_pageNumber}", Small, XBrushes.Black,
            new XRect(Mm(110), Mm(19), Mm(Right - 110), Mm(5)), XStringFormats.TopRight);
        g.DrawString($"Répondre en ligne : {kit.Url}", Small, XBrushes.Black, Mm(Left), Mm(287));
        DrawQrCode(g, kit.Url, Mm(Right - 16), Mm(275), Mm(16));
        Y = Mm(30);
        return g;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Room(double height)
    {
        if (_g is null || Y + height > Mm(Bottom)) NewPage();
    }

    /// <summary>Wrapped text from <paramref name="indent"/> mm, then <paramref name="after"/> mm of space.</summary>
    public void Text(string text, XFont font, double after = 1.5, double indent = 0)
    {
        foreach (var line in Wrap(G, text, font, Mm(Width - indent)))
        {
            Room(font.Size * 1.35);
            G.DrawString(line, font, XBrushes.Black, Mm(Left + indent), Y + font.Size);
            Y += font.Size * 1.35;
        }
        Y += Mm(after);
    }

    public void Box(double x, double top, double size) => G.DrawRectangle(BoxPen, x, top, size, size);

    public void Rule(double fromMm = Left) => G.DrawLine(Pen, Mm(fromMm), Y, Mm(Right), Y);

    public void Dispose() => _g?.Dispose();
}
