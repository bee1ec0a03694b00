using SkiaSharp;

namespace Tellerrand.Handover;

/// <summary>
/// DejaVu Sans, shipped inside the library (licence in <c>Fonts/LICENSE-DejaVu.txt</c>), so that text renders the same on a
/// server without any system font and the PDF embeds a font whose text can be extracted. Typefaces are immutable and shared.
/// </summary>
internal static class HandoverFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    /// <summary>A font of the given size; SKFont is not thread-safe, so each drawing makes its own.</summary>
    public static SKFont Font(float size, bool bold = false) =>
        new(bold ? Bold : Regular, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    private static SKTypeface Load(string fileName)
    {
        using var stream = typeof(HandoverFonts).Assembly.GetManifestResourceStream($"Tellerrand.Handover.Fonts.{fileName}")
            ?? throw new InvalidOperationException($"The font {fileName} is not embedded.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {fileName} cannot be read.");
    }
}

/// <summary>Fonts by size and weight, made once per drawing and disposed with it.</summary>
internal sealed class FontCache : IDisposable
{
    private readonly Dictionary<(float Size, bool Bold), SKFont> _fonts = [];

    public SKFont Get(float size, bool bold = false)
    {
        if (!_fonts.TryGetValue((size, bold), out var font))
        {
            font = HandoverFonts.Font(size, bold);
            _fonts[(size, bold)] = font;
        }
        return font;
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }
    }
}
