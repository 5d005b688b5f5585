using System.Globalization;

namespace Parvis.Domain;

/// <summary>What a printed participation kit is for: the letter that starts each of its sheets' references.</summary>
public enum PaperKitKind { Consultation = 'C', Survey = 'Q' }

/// <summary>
/// The short reference printed on a kit's sheet, "C12-0042-K": what the sheet answers (C: a consultation), its
/// number, the sheet's number, and a check letter so that a digit typed wrong or two digits swapped are refused
/// instead of filed under another sheet. Agents type it to enter what the sheet holds; a sheet is entered once.
/// </summary>
public readonly record struct PaperSheetReference(PaperKitKind Kind, int SubjectId, int Sheet)
{
    public const int MaxSheet = 99_999;
    // 23 letters, a prime: a weighted sum modulo 23 catches every single wrong digit and every swap of two digits.
    // I, O and Y are left out: they read as 1, 0 and V on a handwritten or photocopied sheet.
    private const string CheckLetters = "ABCDEFGHJKLMNPQRSTUVWXZ";

    public override string ToString()
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{(char)Kind}{SubjectId}-{Sheet:D4}");
        return $"{body}-{CheckLetter(body)}";
    }

    public static bool TryParse(string? text, out PaperSheetReference reference)
    {
        reference = default;
        var parts = (text ?? "").Trim().ToUpperInvariant().Replace(' ', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not [{ Length: >= 2 and <= 10 } subject, { Length: >= 1 and <= 5 } sheet, { Length: 1 } check]) return false;
        if (!Enum.IsDefined(typeof(PaperKitKind), (int)subject[0])) return false;
        if (!int.TryParse(subject.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var subjectId) || subjectId <= 0) return false;
        if (!int.TryParse(sheet, NumberStyles.None, CultureInfo.InvariantCulture, out var sheetNumber)
            || sheetNumber is < 1 or > MaxSheet) return false;
        var candidate = new PaperSheetReference((PaperKitKind)subject[0], subjectId, sheetNumber);
        if (CheckLetter(string.Create(CultureInfo.InvariantCulture, $"{subject[0]}{subjectId}-{sheetNumber:D4}")) != check[0])
            return false;
        reference = candidate;
        return true;
    }

    private static char CheckLetter(string body)
    {
        var sum = 0;
        var weight = 1;
        foreach (var c in body)
        {
            if (c == '-') continue;
            sum += weight * (char.IsAsciiDigit(c) ? c - '0' : c);
            weight = weight % 22 + 1;
        }
        return CheckLetters[sum % CheckLetters.Length];
    }
}
