using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Parvis.Features.Identity;

/// <summary>What one printed letter says.</summary>
public sealed record LetterContent(string OrganizationName, string RecipientName, string AddressLine1, string? AddressLine2, string PostalCode, string City,
    string Code, string EntryUrl, string ExpiresOn, string Territory, string PrintedOn);

/// <summary>
/// The letters as one PDF, one A4 page each, for a window envelope (DL, window on the right): the address
/// block sits where French envelopes show it. Fonts come from DejaVu, installed with fonts-dejavu-core.
/// </summary>
public static class LetterPdf
{
    public static byte[] Render(IReadOnlyList<LetterContent> letters)
    {
        DejaVuFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = "Courriers de vérification";
        var regular = new XFont(DejaVuFonts.Family, 11, XFontStyleEx.Regular);
        var bold = new XFont(DejaVuFonts.Family, 11, XFontStyleEx.Bold);
        var title = new XFont(DejaVuFonts.Family, 14, XFontStyleEx.Bold);
        var codeFont = new XFont(DejaVuFonts.Family, 22, XFontStyleEx.Bold);
        foreach (var letter in letters)
        {
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var g = XGraphics.FromPdfPage(page);
            static double Mm(double mm) => mm * 72 / 25.4;
            g.DrawString(letter.OrganizationName, title, XBrushes.Black, Mm(20), Mm(20));
            g.DrawString(letter.PrintedOn, regular, XBrushes.Black, Mm(20), Mm(28));
            // Window of a DL envelope: 100 × 45 mm, 20 mm from the right edge, 50 mm from the top.
            var y = Mm(55);
            foreach (var line in new[] { letter.RecipientName, letter.AddressLine1, letter.AddressLine2, $"{letter.PostalCode} {letter.City}" })
            {
                if (string.IsNullOrEmpty(line)) continue;
                g.DrawString(line, regular, XBrushes.Black, Mm(110), y);
                y += Mm(5.5);
            }
            y = Mm(115);
            void Line(string text, XFont font, double gap = 6.5)
            {
                g.DrawString(text, font, XBrushes.Black, Mm(20), y);
                y += Mm(gap);
            }
            Line("Vérification de votre adresse", title, 10);
            Line($"Vous avez demandé à {letter.OrganizationName} de vérifier que vous habitez : {letter.Territory}.", regular);
            Line("Voici votre code personnel :", regular, 12);
            Line(letter.Code, codeFont, 12);
            Line("Pour l'utiliser :", bold);
            Line($"1. connectez-vous sur {letter.EntryUrl}", regular);
            Line("2. saisissez ce code dans la rubrique « Mon identité », « Par courrier ».", regular, 10);
            Line($"Ce code est valable jusqu'au {letter.ExpiresOn}. Après cinq essais erronés, il n'est plus valable.", regular);
            Line("Votre adresse sera effacée dès que le code aura servi ou expiré.", regular);
            Line("Si vous n'avez rien demandé, ignorez ce courrier.", regular);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}

/// <summary>PDFsharp finds no font by itself on Linux: this resolver serves DejaVu Sans from the system folder.</summary>
public sealed class DejaVuFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    public static string Folder { get; set; } = "/usr/share/fonts/truetype/dejavu/";
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void EnsureRegistered()
    {
        foreach (var file in new[] { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf" })
        {
            if (!File.Exists(Path.Combine(Folder, file)))
                throw new FileNotFoundException($"Police introuvable : {Path.Combine(Folder, file)}. Installez le paquet Debian fonts-dejavu-core pour imprimer les courriers.");
        }
        lock (Gate)
        {
            if (_registered) return;
            GlobalFontSettings.FontResolver = new DejaVuFonts();
            _registered = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Folder, faceName + ".ttf"));
}
