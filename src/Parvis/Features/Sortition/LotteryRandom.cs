using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Parvis.Features.Sortition;

/// <summary>
/// The draw's random numbers, written here so that a re-run never depends on .NET's <see cref="Random"/>
/// (whose algorithm may change between versions): the key is SHA-256 of the seed's UTF-8 bytes; block i
/// (i = 0, 1, 2…) is SHA-256(key ‖ i as 8 bytes big-endian); each block gives four 64-bit numbers read
/// big-endian, in order. A number below n is drawn by rejection (no modulo bias): x is taken when
/// x ≤ 2^64 − 1 − (2^64 mod n), and x mod n is returned. Anyone can re-implement this in a few lines.
/// </summary>
public sealed class LotteryRandom
{
    private readonly byte[] _key;
    private readonly byte[] _input = new byte[40];
    private readonly byte[] _block = new byte[32];
    private ulong _counter;
    private int _used = 4;

    public LotteryRandom(string seed)
    {
        _key = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        _key.CopyTo(_input, 0);
    }

    /// <summary>The commitment published before the draw: SHA-256 of the seed's UTF-8 bytes, lowercase hex.</summary>
    public static string Commitment(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public ulong NextUInt64()
    {
        if (_used == 4)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_input.AsSpan(32), _counter++);
            SHA256.HashData(_input, _block);
            _used = 0;
        }
        return BinaryPrimitives.ReadUInt64BigEndian(_block.AsSpan(8 * _used++, 8));
    }

    /// <summary>A number in [0, <paramref name="bound"/>), every one equally likely.</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var excess = (ulong.MaxValue % bound + 1) % bound;
        while (true)
        {
            var x = NextUInt64();
            if (x <= ulong.MaxValue - excess) return x % bound;
        }
    }

    public int NextBelow(int bound) => (int)NextBelow((ulong)bound);
}
