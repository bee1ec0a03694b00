using SkiaSharp;

namespace Tellerrand.Handover;

/// <summary>The board as PNG and SVG, both drawn by <see cref="BoardPainter"/>.</summary>
internal static class BoardImages
{
    /// <summary>The longest side of the PNG in pixels: enough to read every note when zoomed, small enough to mail.</summary>
    public const int MaxPngSide = 4096;

    /// <summary>The PNG's pixel size for <paramref name="layout"/>: the board at 1:1, shrunk to <see cref="MaxPngSide"/>.</summary>
    public static SKSizeI PngSize(BoardLayout layout)
    {
        var bounds = layout.Bounds;
        var scale = Math.Min(1f, MaxPngSide / Math.Max(bounds.Width, bounds.Height));
        return new SKSizeI(Math.Max(1, (int)Math.Ceiling(bounds.Width * scale)), Math.Max(1, (int)Math.Ceiling(bounds.Height * scale)));
    }

    public static void WritePng(BoardLayout layout, Stream output)
    {
        var size = PngSize(layout);
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"No {size.Width}×{size.Height} drawing surface could be made.");
        BoardPainter.Draw(surface.Canvas, layout, SKRect.Create(0, 0, size.Width, size.Height));
        using var pixmap = surface.PeekPixels();
        using var stream = SkiaOutput.Over(output);
        // The Sub filter and zlib level 1 instead of all filters and level 6: much faster on a big board for about 5 % more bytes.
        if (!pixmap.Encode(stream, new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1)))
        {
            throw new InvalidOperationException("The board could not be encoded as PNG.");
        }
    }

    public static void WriteSvg(BoardLayout layout, Stream output)
    {
        var bounds = SKRect.Create(0, 0, layout.Bounds.Width, layout.Bounds.Height);
        using (var stream = SkiaOutput.Over(output))
        {
            // The canvas writes the closing tags when it is disposed, before the stream is.
            using var canvas = SKSvgCanvas.Create(bounds, stream);
            BoardPainter.Draw(canvas, layout, bounds);
        }
    }
}
