using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Parvis.Features.Demo;

/// <summary>Small real files for the demo dossier, made here so the demo needs nothing from outside.</summary>
internal static class DemoFiles
{
    /// <summary>A one-page PDF with a title and a few lines of text (Helvetica, WinAnsi).</summary>
    public static byte[] Pdf(string title, IEnumerable<string> lines)
    {
        static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
        var text = new StringBuilder("BT /F1 20 Tf 60 780 Td (" + Escape(title) + ") Tj /F1 12 Tf");
        foreach (var line in lines) text.Append(" 0 -22 Td (").Append(Escape(line)).Append(") Tj");
        text.Append(" ET");
        var latin1 = Encoding.Latin1;
        var content = latin1.GetBytes(text.ToString());
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{latin1.GetString(content)}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        };
        using var pdf = new MemoryStream();
        void Write(string s) => pdf.Write(latin1.GetBytes(s));
        Write("%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Position;
        Write($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    /// <summary>A wide PNG banner: a green-to-blue gradient standing for a square with trees.</summary>
    public static byte[] Banner(int width = 960, int height = 320)
    {
        var raw = new byte[height * (1 + (width * 3))];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 3));
            for (var x = 0; x < width; x++)
            {
                var i = row + 1 + (x * 3);
                raw[i] = (byte)(40 + (60 * x / width));
                raw[i + 1] = (byte)(120 + (80 * y / height));
                raw[i + 2] = (byte)(90 + (120 * x / width));
            }
        }
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    // PNG's CRC-32 (ISO 3309), bitwise: the demo writes three chunks, speed does not matter.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
