using Parvis.Domain;
using SkiaSharp;

namespace Parvis.Infrastructure.Files;

/// <summary>
/// The one image pipeline of every upload (reached through <see cref="FileInspector.Image"/>): the picture is
/// decoded and drawn again (upright, longest side at most the size asked), then encoded anew, so that nothing
/// of the original file — EXIF with its GPS position, camera, date, thumbnails — survives.
/// </summary>
public static class PhotoResizer
{
    public const int MaxSide = 1600;
    /// <summary>Beyond this a picture is refused before decoding: a small file can announce a huge bitmap.</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The image re-encoded (JPEG stays JPEG at quality 85, PNG stays PNG), or null when it cannot be read.</summary>
    internal static FileInspector.Inspected? Reencode(FileInspector.Inspected original, int maxSide)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(original.Content));
        if (codec is null) return null;
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
            throw DomainException.WithValues("Cette image compte plus de {0} millions de pixels : réduisez-la avant de l'envoyer.", MaxPixels / 1_000_000);
        var origin = codec.EncodedOrigin;
        using var decoded = Decode(codec, maxSide);
        if (decoded is null) return null;
        // Turned only when the phone says so; otherwise the decoded bitmap itself (no second full-size copy).
        var upright = Upright(decoded, origin);
        using var turned = ReferenceEquals(upright, decoded) ? null : upright;
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
        using var resized = upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        if (resized is null) return null;
        using var image = SKImage.FromBitmap(resized);
        var png = original.ContentType == "image/png";
        using var data = image.Encode(png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, png ? 100 : 85);
        return data is null ? null : original with { Content = data.ToArray() };
    }

    /// <summary>
    /// Decodes at the smallest scale the codec offers that still covers <paramref name="maxSide"/> (JPEG by eighths):
    /// a 7000×7000 photo wanted at 1600 px is decoded at 1750 px, not at full size then thrown away.
    /// </summary>
    public static SKBitmap? Decode(SKCodec codec, int maxSide)
    {
        var size = codec.Info.Size;
        // The codec rounds a scale down to one it supports: ask by eighths for the first that still covers maxSide.
        for (var eighths = 1; eighths < 8 && Math.Max(size.Width, size.Height) > maxSide; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Max(scaled.Width, scaled.Height) >= maxSide)
            {
                size = scaled;
                break;
            }
        }
        return SKBitmap.Decode(codec, codec.Info.WithSize(size.Width, size.Height));
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
