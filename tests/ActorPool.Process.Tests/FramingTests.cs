using ActorPool.Internal.Process.Wire;

namespace ActorPool.Process.Tests;

public sealed class FramingTests
{
    [Fact]
    public async Task Frames_round_trip_back_to_back()
    {
        using var stream = new MemoryStream();
        stream.Write(Framing.Encode(FrameKind.Run, new RunJob(7, "Echo", "\"ü\\n\""), WireJson.Default.RunJob));
        stream.Write(Framing.Encode(FrameKind.Stop, ReadOnlySpan<byte>.Empty));
        stream.Position = 0;

        var run = await Framing.ReadAsync(stream);
        var stop = await Framing.ReadAsync(stream);
        var end = await Framing.ReadAsync(stream);

        Assert.Equal(new RunJob(7, "Echo", "\"ü\\n\""), run!.Value.Read(WireJson.Default.RunJob));
        Assert.Equal(FrameKind.Stop, stop!.Value.Kind);
        Assert.Null(end);
    }

    [Fact]
    public async Task A_stream_cut_inside_a_frame_is_an_error_not_a_clean_end()
    {
        var frame = Framing.Encode(FrameKind.Cancel, new CancelJob(1), WireJson.Default.CancelJob);
        using var stream = new MemoryStream(frame[..^2]);

        await Assert.ThrowsAsync<EndOfStreamException>(() => Framing.ReadAsync(stream));
    }

    [Fact]
    public async Task A_length_out_of_range_is_refused()
    {
        using var stream = new MemoryStream([0xFF, 0xFF, 0xFF, 0x7F, 1]);

        await Assert.ThrowsAsync<InvalidDataException>(() => Framing.ReadAsync(stream));
    }
}
