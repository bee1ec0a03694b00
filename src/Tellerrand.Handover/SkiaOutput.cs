using SkiaSharp;

namespace Tellerrand.Handover;

/// <summary>
/// Skia's managed write stream asks the .NET stream for its <c>Position</c>, which a forward-only stream such as an HTTP
/// response body does not have. This wrapper counts the bytes itself, so the drawn formats can go to any writable stream.
/// </summary>
internal sealed class SkiaOutput(Stream inner) : Stream
{
    private long _written;

    /// <summary>A Skia stream over <paramref name="output"/>, which stays open.</summary>
    public static SKManagedWStream Over(Stream output) => new(new SkiaOutput(output), disposeManagedStream: true);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        _written += count;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        _written += buffer.Length;
    }
}
