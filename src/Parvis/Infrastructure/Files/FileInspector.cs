using System.Buffers.Binary;
using System.Text;

namespace Parvis.Infrastructure.Files;

/// <summary>
/// Decides what an upload is from its bytes, never from its name, and strips image metadata
/// (EXIF, comments, text chunks: camera, date, sometimes GPS) before anything is stored.
/// </summary>
public static class FileInspector
{
    public const long MaxImageBytes = 5 * 1024 * 1024;
    public const long MaxDocumentBytes = 20 * 1024 * 1024;

    public sealed record Inspected(string ContentType, string Extension, byte[] Content);

    public static Inspected? Image(byte[] bytes) =>
        IsPng(bytes) ? new("image/png", ".png", StripPng(bytes))
        : IsJpeg(bytes) ? new("image/jpeg", ".jpg", StripJpeg(bytes))
        : null;

    public static Inspected? Document(byte[] bytes) =>
        bytes.AsSpan().StartsWith("%PDF-"u8) ? new("application/pdf", ".pdf", bytes) : Image(bytes);

    private static bool IsPng(byte[] b) => b.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });

    private static bool IsJpeg(byte[] b) => b.Length > 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;

    private static readonly HashSet<string> PngMetadata = ["tEXt", "zTXt", "iTXt", "eXIf", "tIME"];

    private static byte[] StripPng(byte[] bytes)
    {
        using var output = new MemoryStream();
        output.Write(bytes, 0, 8);
        var position = 8;
        while (position + 12 <= bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position));
            if (length < 0 || position + 12 + length > bytes.Length) break;
            var type = Encoding.ASCII.GetString(bytes, position + 4, 4);
            if (!PngMetadata.Contains(type)) output.Write(bytes, position, length + 12);
            position += length + 12;
            if (type == "IEND") break;
        }
        return output.ToArray();
    }

    // Drops APP1–APP15 (EXIF, XMP, ICC…) and COM segments; keeps APP0 (JFIF) and the image data.
    private static byte[] StripJpeg(byte[] bytes)
    {
        using var output = new MemoryStream();
        output.Write(bytes, 0, 2);
        var position = 2;
        while (position + 4 <= bytes.Length && bytes[position] == 0xFF)
        {
            var marker = bytes[position + 1];
            if (marker == 0xDA)
            {
                output.Write(bytes, position, bytes.Length - position);
                return output.ToArray();
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(position + 2));
            if (position + 2 + length > bytes.Length) break;
            var metadata = marker is >= 0xE1 and <= 0xEF or 0xFE;
            if (!metadata) output.Write(bytes, position, length + 2);
            position += length + 2;
        }
        output.Write(bytes, position, bytes.Length - position);
        return output.ToArray();
    }
}
