using SkiaSharp;

namespace Parvis.Infrastructure.Files;

/// <summary>
/// Photos taken by phones: decoded and drawn again (upright, longest side at most <see cref="MaxSide"/>),
/// then encoded anew, so that nothing of the original file — EXIF with its GPS position, camera, date,
/// thumbnails — survives. The type is still decided by <see cref="FileInspector"/> first.
/// </summary>
public static class PhotoResizer
{
    public const int MaxSide = 1600;
    /// <summary>Beyond this a picture is refused before decoding: a small file can announce a huge bitmap.</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The photo re-encoded (JPEG stays JPEG at quality 85, PNG stays PNG), or null when it cannot be read.</summary>
    public static FileInspector.Inspected? Reencode(byte[] bytes)
    {
        var inspected = FileInspector.Image(bytes);
        if (inspected is null) return null;
        using var codec = SKCodec.Create(new SKMemoryStream(inspected.Content));
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels) return null;
        var origin = codec.EncodedOrigin;
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null) return null;
        // Turned only when the phone says so; otherwise the decoded bitmap itself (no second full-size copy).
        var upright = Upright(decoded, origin);
        using var turned = ReferenceEquals(upright, decoded) ? null : upright;
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
        using var resized = upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null) return null;
        using var image = SKImage.FromBitmap(resized);
        var png = inspected.ContentType == "image/png";
        using var data = image.Encode(png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, png ? 100 : 85);
        return data is null ? null : inspected with { Content = data.ToArray() };
    }

    // Phones store the picture as the sensor saw it and say in EXIF how to turn it; the EXIF goes, so the turn is applied.
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var degrees = origin switch
        {
            SKEncodedOrigin.BottomRight or SKEncodedOrigin.BottomLeft => 180,
            SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom => 90,
            SKEncodedOrigin.LeftBottom or SKEncodedOrigin.LeftTop => 270,
            _ => 0,
        };
        if (degrees == 0) return source;
        var swap = degrees != 180;
        var turned = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(turned);
        canvas.Translate(turned.Width / 2f, turned.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-source.Width / 2f, -source.Height / 2f);
        canvas.DrawBitmap(source, 0, 0);
        return turned;
    }
}
