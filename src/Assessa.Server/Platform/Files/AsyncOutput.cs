namespace Assessa.Server.Platform.Files;

/// <summary>
/// Sits between <see cref="System.IO.Compression.ZipArchive"/> and an output that forbids synchronous IO (an
/// ASP.NET Core response). In .NET 10 the archive still writes a few small records synchronously (an entry's data
/// descriptor when its stream is disposed, even through <c>DisposeAsync</c>); those are kept here and written
/// asynchronously before the next asynchronous write, or by <see cref="DrainAsync"/>. The bulk data arrives
/// through <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/> and goes out in pieces of at least
/// 64 KiB.
/// </summary>
internal sealed class AsyncOutput(Stream inner) : Stream
{
    /// <summary>
    /// Small writes (the deflater hands out 8 KiB pieces) are gathered up to this size first: each write to an HTTP
    /// response is a flush that wakes the socket's sender, and ten thousand of them per export cost more CPU than
    /// the copying saved.
    /// </summary>
    private const int CoalesceBytes = 1 << 16;

    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Writes what synchronous calls left behind.</summary>
    public async ValueTask DrainAsync(CancellationToken ct)
    {
        if (_pending.Length > 0)
        {
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
            _pending.SetLength(0);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override void WriteByte(byte value) => _pending.WriteByte(value);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pending.Length + buffer.Length <= CoalesceBytes)
        {
            _pending.Write(buffer.Span);
            return;
        }

        await DrainAsync(cancellationToken);
        if (buffer.Length >= CoalesceBytes)
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        else
        {
            _pending.Write(buffer.Span);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Nothing to do synchronously: pending bytes wait for <see cref="DrainAsync"/>.</summary>
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
