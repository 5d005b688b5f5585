using System.Globalization;
using System.Numerics;

namespace Parvis.Features.Budgets;

/// <summary>
/// An exact fraction (numerator and denominator of any size, always reduced, denominator positive): the budget rules
/// compare amounts with it, so no rounding of a floating-point number ever decides which project wins.
/// </summary>
public readonly struct Rational : IComparable<Rational>, IEquatable<Rational>
{
    private readonly BigInteger _denominator;

    private Rational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        _denominator = denominator;
    }

    public BigInteger Numerator { get; }

    /// <summary>The denominator; 1 for the default value, which is zero.</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public static Rational Zero => new(BigInteger.Zero, BigInteger.One);

    public static Rational One => new(BigInteger.One, BigInteger.One);

    public bool IsZero => Numerator.IsZero;

    public int Sign => Numerator.Sign;

    public static Rational Of(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException();
        if (denominator.Sign < 0) (numerator, denominator) = (-numerator, -denominator);
        if (denominator.IsOne) return new Rational(numerator, denominator);
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return gcd.IsOne ? new Rational(numerator, denominator) : new Rational(numerator / gcd, denominator / gcd);
    }

    public static implicit operator Rational(long value) => new(value, BigInteger.One);

    public static Rational operator +(Rational a, Rational b) => a.Denominator == b.Denominator
        ? Of(a.Numerator + b.Numerator, a.Denominator)
        : Of(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) =>
        Of(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) =>
        Of(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;

    public int CompareTo(Rational other) => Denominator == other.Denominator
        ? Numerator.CompareTo(other.Numerator)
        : (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary>The largest whole number not above this one.</summary>
    public BigInteger Floor() => BigInteger.Divide(Numerator - (Numerator.Sign < 0 ? Denominator - 1 : 0), Denominator);

    /// <summary>
    /// A number as Pabulib files write it: digits, optionally a sign and one decimal separator ('.' or ','),
    /// no exponent, no thousands separator. Null when the text is not such a number.
    /// </summary>
    public static Rational? TryParseDecimal(string text)
    {
        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+')) s = s[1..];
        var separator = s.IndexOfAny(['.', ',']);
        var whole = separator < 0 ? s : s[..separator];
        var fraction = separator < 0 ? "" : s[(separator + 1)..];
        if (whole.Length + fraction.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
            return null;
        var digits = BigInteger.Parse("0" + whole + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        var value = Of(digits, BigInteger.Pow(10, fraction.Length));
        return negative ? -value : value;
    }

    /// <summary>Exact decimal text when the denominator has only the factors 2 and 5, else "p/q".</summary>
    public override string ToString()
    {
        var denominator = Denominator;
        var twos = 0;
        var fives = 0;
        for (var d = denominator; !d.IsOne; twos++)
        {
            if (!d.IsEven) break;
            d /= 2;
        }
        var rest = denominator >> twos;
        for (; !rest.IsOne && (rest % 5).IsZero; fives++) rest /= 5;
        if (!rest.IsOne)
            return Numerator.ToString(CultureInfo.InvariantCulture) + "/"
                + denominator.ToString(CultureInfo.InvariantCulture);
        var places = Math.Max(twos, fives);
        var scaled = BigInteger.Abs(Numerator) * BigInteger.Pow(10, places) / denominator;
        var text = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(places + 1, '0');
        var sign = Numerator.Sign < 0 ? "-" : "";
        return places == 0 ? sign + text : sign + text[..^places] + "." + text[^places..];
    }

    /// <summary>
    /// A close double (relative error near 1e-15) for sorting candidates quickly; a decision never rests on it alone.
    /// </summary>
    public double ToDouble() => Numerator.IsZero ? 0
        : Numerator.Sign * Math.Exp(BigInteger.Log(BigInteger.Abs(Numerator)) - BigInteger.Log(Denominator));

    /// <summary>For display only (truncated to 4 decimals); never used to decide.</summary>
    public decimal ToDecimal() => (decimal)BigInteger.Divide(Numerator * 10_000, Denominator) / 10_000m;
}
