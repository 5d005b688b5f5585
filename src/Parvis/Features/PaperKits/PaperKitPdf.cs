using Parvis.Domain;
using Parvis.Features.Identity;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static Parvis.Features.PaperKits.PaperSheetCanvas;
using static Parvis.Features.Shared.PdfText;

namespace Parvis.Features.PaperKits;

/// <summary>
/// The printed side of a consultation or a survey: answer sheets (the questions with room to answer, the dates, how
/// answers are used, the sheet's reference on every page so an agent can enter it) and a poster with a QR code to the page.
/// </summary>
public static class PaperKitPdf
{
    private const double Box = 4, Row = 7;

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
        using var c = new PaperSheetCanvas(document, kit, reference);
        c.NewPage();
        c.Text(kit.Title, c.Title, 2);
        c.Text(kit.Dates, c.Bold, 3);
        if (kit.Summary.Length > 0) c.Text(kit.Summary, c.Regular, 3);
        c.Text("Comment vos réponses seront utilisées", c.Bold, 0.5);
        c.Text(kit.Use, c.Regular, 5);
        var number = 0;
        var parts = kit.Parts.Any(p => p.Questions.Count > 0)
            ? kit.Parts
            : [new PaperPart(null, [PaperQuestion.Written("Votre contribution")])];
        foreach (var part in parts)
        {
            if (part.Title is { Length: > 0 } title)
            {
                c.Room(Mm(30));
                c.Text(title, c.Heading, 2);
            }
            foreach (var question in part.Questions) WriteQuestion(c, ++number, question);
        }
        if (kit.NameLine is null) return;
        c.Room(Mm(20));
        c.Text(kit.NameLine, c.Small, 0);
        c.Y += Mm(8);
        c.Rule();
    }

    private static void WriteQuestion(PaperSheetCanvas c, int number, PaperQuestion q)
    {
        // A question starts where its first answers fit, so its text never sits alone at the foot of a page.
        c.Room(Mm(36));
        if (q.Condition is { } condition) c.Text(condition + " :", c.Small, 0.5);
        c.Text($"{number}. {q.Text}", c.Bold, 0.5);
        if (q.Help is { Length: > 0 } help) c.Text(help, c.Small, 0.5);
        if (q.Instruction is { } instruction) c.Text(instruction, c.Small, 0.5);
        c.Y += Mm(1);
        switch (q.Kind)
        {
            case PaperAnswerKind.Boxes: Options(c, q.Options, rank: false); break;
            case PaperAnswerKind.Ranking: Options(c, q.Options, rank: true); break;
            case PaperAnswerKind.Scale: Scale(c, q); break;
            case PaperAnswerKind.Grid: Grid(c, q); break;
            default: Lines(c, q.Lines); break;
        }
        c.Y += Mm(6);
    }

    private static void Lines(PaperSheetCanvas c, int count)
    {
        for (var line = 0; line < count; line++)
        {
            c.Room(Mm(8));
            c.Y += Mm(8);
            c.Rule();
        }
    }

    /// <summary>A box to tick (or, for a ranking, a wider one to write a rank in) before each option.</summary>
    private static void Options(PaperSheetCanvas c, IReadOnlyList<string> options, bool rank)
    {
        var width = rank ? 9 : Box;
        foreach (var option in options)
        {
            var lines = Wrap(c.G, option, c.Regular, Mm(Width - width - 6));
            c.Room(Mm(Row) * lines.Count);
            c.G.DrawRectangle(c.BoxPen, Mm(Left + 2), c.Y + Mm(0.5), Mm(width), Mm(Box + (rank ? 1 : 0)));
            c.Text(option, c.Regular, Row - 4.7, width + 5);
        }
    }

    /// <summary>Numbered boxes in a row, the ends' labels under the first and the last.</summary>
    private static void Scale(PaperSheetCanvas c, PaperQuestion q)
    {
        c.Room(Mm(20));
        var step = Math.Min(14, Width / q.Options.Count);
        for (var i = 0; i < q.Options.Count; i++)
        {
            var x = Mm(Left + i * step);
            c.G.DrawString(q.Options[i], c.Regular, XBrushes.Black, new XRect(x, c.Y, Mm(step - 2), Mm(4.5)), XStringFormats.TopCenter);
            c.Box(x + (Mm(step - 2) - Mm(Box + 1)) / 2, c.Y + Mm(5), Mm(Box + 1));
        }
        c.Y += Mm(12);
        var span = Mm(step * q.Options.Count - 2);
        if (q.LowLabel is { } low)
            c.G.DrawString(Fit(c.G, low, c.Small, span / 2), c.Small, XBrushes.Black, new XRect(Mm(Left), c.Y, span / 2, Mm(4)),
                XStringFormats.TopLeft);
        if (q.HighLabel is { } high)
            c.G.DrawString(Fit(c.G, high, c.Small, span / 2), c.Small, XBrushes.Black, new XRect(Mm(Left) + span / 2, c.Y, span / 2, Mm(4)),
                XStringFormats.TopRight);
        if (q.LowLabel is not null || q.HighLabel is not null) c.Y += Mm(4);
    }

    /// <summary>A grid: the rows' labels on the left, a column per answer with its label on top, a box in each cell.</summary>
    private static void Grid(PaperSheetCanvas c, PaperQuestion q)
    {
        const double labels = 70;
        var column = (Width - labels) / Math.Max(1, q.Options.Count);
        void Header()
        {
            var wrapped = q.Options.Select(o => Wrap(c.G, o, c.Small, Mm(column - 1))).ToList();
            var height = wrapped.Max(w => w.Count) * c.Small.Size * 1.2;
            for (var i = 0; i < wrapped.Count; i++)
                for (var l = 0; l < wrapped[i].Count; l++)
                {
                    var cell = new XRect(Mm(Left + labels + i * column), c.Y + l * c.Small.Size * 1.2, Mm(column), c.Small.Size * 1.2);
                    c.G.DrawString(wrapped[i][l], c.Small, XBrushes.Black, cell, XStringFormats.TopCenter);
                }
            c.Y += height + Mm(1);
        }
        c.Room(Mm(20));
        if (q.Options.Count > 0) Header();
        foreach (var row in q.Rows)
        {
            var lines = Wrap(c.G, row, c.Regular, Mm(labels - 2));
            var height = Math.Max(Mm(Row), lines.Count * c.Regular.Size * 1.35 + Mm(1.5));
            if (c.Y + height > Mm(Bottom))
            {
                c.NewPage();
                Header();
            }
            var top = c.Y;
            foreach (var line in lines)
            {
                c.G.DrawString(line, c.Regular, XBrushes.Black, Mm(Left), c.Y + c.Regular.Size);
                c.Y += c.Regular.Size * 1.35;
            }
            for (var i = 0; i < q.Options.Count; i++) c.Box(Mm(Left + labels + i * column + column / 2 - Box / 2), top + Mm(0.5), Mm(Box));
            c.Y = top + height;
            c.G.DrawLine(c.Pen, Mm(Left), c.Y - Mm(1), Mm(Right), c.Y - Mm(1));
        }
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
}
