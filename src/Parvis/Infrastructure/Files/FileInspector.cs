using Parvis.Domain;

namespace Parvis.Infrastructure.Files;

/// <summary>
/// Decides what an upload is from its bytes, never from its name. Every image, whatever it is uploaded
/// for, goes through the one pipeline (<see cref="PhotoResizer"/>): decoded and encoded anew, so that no
/// metadata (EXIF with its GPS position, comments, text chunks, thumbnails) survives, however the file
/// is laid out. PDFs are kept as sent.
/// </summary>
public static class FileInspector
{
    public const long MaxImageBytes = 5 * 1024 * 1024;
    public const long MaxDocumentBytes = 20 * 1024 * 1024;
    /// <summary>Images of a dossier or an attachment may be plans or scans: they keep more detail than photos.</summary>
    public const int DocumentMaxSide = 3200;

    public sealed record Inspected(string ContentType, string Extension, byte[] Content);

    /// <summary>The image re-encoded, its longest side at most <paramref name="maxSide"/>; null when it is no PNG or JPEG.</summary>
    /// <exception cref="DomainException">The image announces more than <see cref="PhotoResizer.MaxPixels"/> pixels.</exception>
    public static Inspected? Image(byte[] bytes, int maxSide = PhotoResizer.MaxSide) =>
        IsPng(bytes) ? PhotoResizer.Reencode(new("image/png", ".png", bytes), maxSide)
        : IsJpeg(bytes) ? PhotoResizer.Reencode(new("image/jpeg", ".jpg", bytes), maxSide)
        : null;

    public static Inspected? Document(byte[] bytes) =>
        bytes.AsSpan().StartsWith("%PDF-"u8) ? new("application/pdf", ".pdf", bytes) : Image(bytes, DocumentMaxSide);

    private static bool IsPng(byte[] b) => b.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });

    private static bool IsJpeg(byte[] b) => b.Length > 4 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
}
