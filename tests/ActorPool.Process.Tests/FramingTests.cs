using ActorPool.Internal.Process.Wire;

namespace ActorPool.Process.Tests;

public sealed class FramingTests
{
    [Fact]
    public void Frames_round_trip_back_to_back()
    {
        using var stream = new MemoryStream();
        stream.Write(Framing.Encode(FrameKind.Run, new RunJob(7, "Echo", "\"ü\\n\""), WireJson.Default.RunJob));
        stream.Write(Framing.Encode(FrameKind.Stop, ReadOnlySpan<byte>.Empty));
        stream.Position = 0;

        var run = Framing.Read(stream);
        var stop = Framing.Read(stream);
        var end = Framing.Read(stream);

        Assert.Equal(new RunJob(7, "Echo", "\"ü\\n\""), run!.Value.Read(WireJson.Default.RunJob));
        Assert.Equal(FrameKind.Stop, stop!.Value.Kind);
        Assert.Null(end);
    }

    [Fact]
    public void A_stream_cut_inside_a_frame_is_an_error_not_a_clean_end()
    {
        var frame = Framing.Encode(FrameKind.Cancel, new CancelJob(1), WireJson.Default.CancelJob);
        using var stream = new MemoryStream(frame[..^2]);

        Assert.Throws<EndOfStreamException>(() => Framing.Read(stream));
    }

    [Fact]
    public void A_length_out_of_range_is_refused()
    {
        using var stream = new MemoryStream([0xFF, 0xFF, 0xFF, 0x7F, 1]);

        Assert.Throws<InvalidDataException>(() => Framing.Read(stream));
    }
}
