using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Parvis.Tests.Files;

/// <summary>Images laid out as cameras and hostile senders lay them out, to prove what survives an upload.</summary>
public static class CraftedImages
{
    /// <summary>The three rationals of the GPS latitude written below (48° 51' 29.37"), as they appear in the file.</summary>
    public static readonly byte[] GpsLatitudeBytes = Rationals((48, 1), (51, 1), (2937, 100));

    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.DarkGreen, SKColors.Orange], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, width, height, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
    }

    /// <summary>
    /// A JPEG whose APP1 EXIF segment, carrying a GPS latitude, follows a fill byte (0xFF): legal (any number of
    /// 0xFF may precede a marker), read by every decoder, and enough to fool a stripper that walks segments by hand.
    /// </summary>
    public static byte[] JpegWithFillByteBeforeGpsExif(int width = 200, int height = 150)
    {
        var jpeg = Jpeg(width, height);
        var exif = Exif();
        var segment = new byte[5 + exif.Length];
        segment[0] = 0xFF; // the fill byte
        segment[1] = 0xFF;
        segment[2] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(3), (ushort)(exif.Length + 2));
        exif.CopyTo(segment, 5);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    // "Exif\0\0", then a big-endian TIFF: IFD0 points to a GPS IFD holding GPSLatitudeRef "N" and GPSLatitude.
    private static byte[] Exif()
    {
        var tiff = new List<byte>();
        tiff.AddRange("MM\0*"u8.ToArray());
        tiff.AddRange(U32(8));
        tiff.AddRange(U16(1));
        tiff.AddRange(Entry(0x8825, 4, 1, U32(26)));
        tiff.AddRange(U32(0));
        tiff.AddRange(U16(2));
        tiff.AddRange(Entry(0x0001, 2, 2, [(byte)'N', 0, 0, 0]));
        tiff.AddRange(Entry(0x0002, 5, 3, U32(56)));
        tiff.AddRange(U32(0));
        tiff.AddRange(GpsLatitudeBytes);
        return [.. Encoding.ASCII.GetBytes("Exif\0\0"), .. tiff];
    }

    /// <summary>A PNG whose header announces <paramref name="width"/>×<paramref name="height"/> pixels, with almost no data.</summary>
    public static byte[] PngAnnouncing(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typed = (byte[])[.. Encoding.ASCII.GetBytes(type), .. data];
        return [.. U32((uint)data.Length), .. typed, .. U32(Crc32(typed))];
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] Entry(ushort tag, ushort type, uint count, byte[] value) => [.. U16(tag), .. U16(type), .. U32(count), .. value];

    private static byte[] Rationals(params (uint Numerator, uint Denominator)[] values) =>
        values.SelectMany(v => U32(v.Numerator).Concat(U32(v.Denominator))).ToArray();

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
