using Parvis.Domain;

namespace Parvis.Tests.PaperKits;

/// <summary>The reference an agent types from a sheet: read back as written, and a typing slip refused, not misfiled.</summary>
public class PaperSheetReferenceTests
{
    private static readonly PaperSheetReference Sheet = new(PaperKitKind.Consultation, 12, 42);

    [Fact]
    public void A_reference_reads_back_whatever_the_case_spaces_and_leading_zeros()
    {
        var written = Sheet.ToString();
        Assert.Matches("^C12-0042-[A-Z]$", written);
        foreach (var typed in new[] { written, written.ToLowerInvariant(), written.Replace('-', ' '), $" {written[..4]}42{written[8..]} " })
        {
            Assert.True(PaperSheetReference.TryParse(typed, out var read), typed);
            Assert.Equal(Sheet, read);
        }
    }

    [Fact]
    public void Every_single_wrong_digit_and_every_swap_of_two_neighbouring_digits_is_refused()
    {
        var written = Sheet.ToString();
        var digits = Enumerable.Range(0, written.Length).Where(i => char.IsAsciiDigit(written[i])).ToList();
        foreach (var i in digits)
        {
            for (var d = '0'; d <= '9'; d++)
            {
                if (d == written[i] || (i == 1 && d == '0')) continue;
                var typo = written[..i] + d + written[(i + 1)..];
                Assert.False(PaperSheetReference.TryParse(typo, out _), typo);
            }
        }
        foreach (var (a, b) in new[] { (1, 2), (4, 5), (5, 6), (6, 7) })
        {
            if (written[a] == written[b]) continue;
            var swapped = written.ToCharArray();
            (swapped[a], swapped[b]) = (swapped[b], swapped[a]);
            Assert.False(PaperSheetReference.TryParse(new string(swapped), out _), new string(swapped));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("C12-0042")]
    [InlineData("X12-0042-K")]
    [InlineData("C-0042-K")]
    [InlineData("C12-000000042-K")]
    [InlineData("C12-0000-K")]
    [InlineData("C99999999999-0001-K")]
    [InlineData("'; DROP TABLE \"Contributions\"; --")]
    public void Anything_else_is_not_a_reference(string typed) => Assert.False(PaperSheetReference.TryParse(typed, out _));
}
