using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorPool.Internal.Process.Wire;

/// <summary>A frame read off the link: its kind and its JSON body (UTF-8).</summary>
internal readonly record struct Frame(FrameKind Kind, ReadOnlyMemory<byte> Body)
{
    public T Read<T>(JsonTypeInfo<T> type) => JsonSerializer.Deserialize(Body.Span, type)
        ?? throw new InvalidDataException($"A {Kind} frame had an empty body.");
}

/// <summary>
/// The link's framing: a 4-byte little-endian length, then that many bytes of one kind byte and a
/// UTF-8 JSON body. Length-prefixed rather than line-based, so a payload may hold any character.
/// </summary>
internal static class Framing
{
    /// <summary>Far above any sane payload; a length past it means the stream is not ours.</summary>
    public const int MaxFrameBytes = 256 << 20;

    /// <summary>Reads one frame, or returns <see langword="null"/> at a clean end of stream.</summary>
    /// <remarks>Blocking, on a reader thread of its own: an async read of a pipe is a blocking read
    /// on a thread-pool thread anyway, plus a hop per frame, which a measurement showed in the round trip.</remarks>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    /// <exception cref="InvalidDataException">The length is out of range.</exception>
    public static Frame? Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[4];
        if (!Fill(stream, header))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 1 || length > MaxFrameBytes)
        {
            throw new InvalidDataException($"A frame of {length} bytes is out of range (1 to {MaxFrameBytes}).");
        }

        var frame = new byte[length];
        if (!Fill(stream, frame))
        {
            throw new EndOfStreamException($"The link ended inside a frame of {length} bytes.");
        }

        return new Frame((FrameKind)frame[0], frame.AsMemory(1));
    }

    /// <summary>Encodes one frame into a single buffer, so a writer sends it with one write.</summary>
    public static byte[] Encode<T>(FrameKind kind, T body, JsonTypeInfo<T> type)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body, type);
        return Encode(kind, json);
    }

    public static byte[] Encode(FrameKind kind, ReadOnlySpan<byte> body)
    {
        var buffer = new byte[5 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, body.Length + 1);
        buffer[4] = (byte)kind;
        body.CopyTo(buffer.AsSpan(5));
        return buffer;
    }

    private static bool Fill(Stream stream, Span<byte> buffer)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return false;
        }

        return read == buffer.Length
            ? true
            : throw new EndOfStreamException($"The link ended after {read} of {buffer.Length} bytes.");
    }
}

/// <summary>
/// Writes whole frames to a stream from any thread, one at a time. Synchronous: a frame is one
/// pipe write, and the reader at the other end drains the pipe on its own thread.
/// </summary>
internal sealed class FrameWriter(Stream stream)
{
    private readonly Lock _gate = new();

    public void Write(byte[] frame)
    {
        lock (_gate)
        {
            stream.Write(frame);
            stream.Flush();
        }
    }
}
