using Parvis.Domain;
using Parvis.Features.Identity;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static Parvis.Features.Shared.PdfText;

namespace Parvis.Features.PaperKits;

/// <summary>What a printed kit says, for a consultation (or anything else people answer on paper).</summary>
/// <param name="Dates">"Vous pouvez répondre jusqu'au …": when the answers are taken.</param>
/// <param name="Use">How the answers will be used, in a few sentences.</param>
public sealed record PaperKit(string OrganizationName, string Title, string Summary, string Dates, string Use,
    IReadOnlyList<string> Questions, string Url);

/// <summary>
/// The printed side of a consultation: answer sheets (the questions with ruled space, the dates, how answers are used,
/// the sheet's reference on every page so an agent can enter it) and a poster with a QR code to the page.
/// </summary>
public static class PaperKitPdf
{
    private const double Left = 18, Right = 192, Width = Right - Left, Bottom = 270;
    private const int LinesPerQuestion = 7;

    public static byte[] Sheets(PaperKit kit, IReadOnlyList<PaperSheetReference> sheets)
    {
        DejaVuFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Kit de participation — {kit.Title}";
        foreach (var sheet in sheets) WriteSheet(document, kit, sheet.ToString());
        return Save(document);
    }

    private static void WriteSheet(PdfDocument document, PaperKit kit, string reference)
    {
        var fonts = new Fonts();
        var pageNumber = 0;
        XGraphics? g = null;
        double y = 0;
        void NewPage()
        {
            g?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            g = XGraphics.FromPdfPage(page);
            pageNumber++;
            g.DrawString(Fit(g, kit.OrganizationName, fonts.Bold, Mm(110)), fonts.Bold, XBrushes.Black, Mm(Left), Mm(16));
            g.DrawString(reference, fonts.Reference, XBrushes.Black, new XRect(Mm(120), Mm(9), Mm(Right - 120), Mm(9)), XStringFormats.TopRight);
            g.DrawString($"Référence de la feuille · page {pageNumber}", fonts.Small, XBrushes.Black,
                new XRect(Mm(110), Mm(19), Mm(Right - 110), Mm(5)), XStringFormats.TopRight);
            g.DrawString($"Répondre en ligne : {kit.Url}", fonts.Small, XBrushes.Black, Mm(Left), Mm(287));
            DrawQrCode(g, kit.Url, Mm(Right - 16), Mm(275), Mm(16));
            y = Mm(30);
        }
        void Text(string text, XFont font, double after = 1.5)
        {
            foreach (var line in Wrap(g!, text, font, Mm(Width)))
            {
                if (y > Mm(Bottom)) NewPage();
                g!.DrawString(line, font, XBrushes.Black, Mm(Left), y);
                y += font.Size * 1.35;
            }
            y += Mm(after);
        }
        NewPage();
        Text(kit.Title, fonts.Title, 2);
        Text(kit.Dates, fonts.Bold, 3);
        if (kit.Summary.Length > 0) Text(kit.Summary, fonts.Regular, 3);
        Text("Comment vos réponses seront utilisées", fonts.Bold, 0.5);
        Text(kit.Use, fonts.Regular, 5);
        var pen = new XPen(XColors.Gray, 0.5);
        var questions = kit.Questions.Count > 0 ? kit.Questions : ["Votre contribution"];
        for (var i = 0; i < questions.Count; i++)
        {
            // A question starts where its first answer lines fit, so its text never sits alone at the foot of a page.
            if (y + Mm(8 * 3 + 12) > Mm(Bottom)) NewPage();
            Text($"{i + 1}. {questions[i]}", fonts.Bold, 1);
            for (var line = 0; line < LinesPerQuestion; line++)
            {
                if (y + Mm(8) > Mm(Bottom)) NewPage();
                y += Mm(8);
                g!.DrawLine(pen, Mm(Left), y, Mm(Right), y);
            }
            y += Mm(6);
        }
        if (y + Mm(20) > Mm(Bottom)) NewPage();
        Text("Votre nom (facultatif : il sera publié avec votre réponse ; sans nom, elle est publiée sans auteur)", fonts.Small, 0);
        y += Mm(8);
        g!.DrawLine(pen, Mm(Left), y, Mm(Right), y);
        g!.Dispose();
    }

    /// <summary>A4 or A3 poster for exhibitions and counters: title, dates, and the QR code to answer online.</summary>
    public static byte[] Poster(PaperKit kit, bool a3)
    {
        DejaVuFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Affiche — {kit.Title}";
        var page = document.AddPage();
        page.Size = a3 ? PdfSharp.PageSize.A3 : PdfSharp.PageSize.A4;
        var scale = a3 ? Math.Sqrt(2) : 1;
        double S(double mm) => Mm(mm * scale);
        using var g = XGraphics.FromPdfPage(page);
        var heading = new XFont(DejaVuFonts.Family, 30 * scale, XFontStyleEx.Bold);
        var title = new XFont(DejaVuFonts.Family, 22 * scale, XFontStyleEx.Bold);
        var body = new XFont(DejaVuFonts.Family, 13 * scale, XFontStyleEx.Regular);
        var y = S(30);
        void Centered(string text, XFont font, double after)
        {
            foreach (var line in Wrap(g, text, font, S(170)))
            {
                g.DrawString(line, font, XBrushes.Black, new XRect(S(20), y, S(170), font.Size * 1.3), XStringFormats.TopCenter);
                y += font.Size * 1.3;
            }
            y += S(after);
        }
        Centered(kit.OrganizationName, body, 6);
        Centered("Donnez votre avis", heading, 6);
        Centered(kit.Title, title, 6);
        Centered(kit.Dates, body, 4);
        if (kit.Summary.Length > 0) Centered(kit.Summary, body, 8);
        var qr = S(90);
        DrawQrCode(g, kit.Url, (page.Width.Point - qr) / 2, y, qr);
        y += qr + S(4);
        Centered("Scannez ce code ou rendez-vous sur", body, 1);
        Centered(kit.Url, title, 6);
        Centered("Vous préférez le papier ? Demandez une feuille de réponse à l'accueil.", body, 0);
        return Save(document);
    }

    private static byte[] Save(PdfDocument document)
    {
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private sealed class Fonts
    {
        public XFont Regular { get; } = new(DejaVuFonts.Family, 10, XFontStyleEx.Regular);
        public XFont Small { get; } = new(DejaVuFonts.Family, 8, XFontStyleEx.Regular);
        public XFont Bold { get; } = new(DejaVuFonts.Family, 10, XFontStyleEx.Bold);
        public XFont Title { get; } = new(DejaVuFonts.Family, 15, XFontStyleEx.Bold);
        public XFont Reference { get; } = new(DejaVuFonts.Family, 16, XFontStyleEx.Bold);
    }
}
