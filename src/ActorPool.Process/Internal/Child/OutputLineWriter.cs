using System.Text;
using ActorPool.Internal.Process.Wire;

namespace ActorPool.Internal.Process.Child;

/// <summary>
/// The child's <c>Console.Out</c>: each line a job writes becomes an Output frame, which the parent
/// logs at Info, because the child's real stdout carries the link. <c>Console.SetOut</c> wraps it
/// in a synchronized writer, so it is written by one thread at a time.
/// </summary>
internal sealed class OutputLineWriter(FrameWriter frames) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Flush();
        }
        else if (value != '\r')
        {
            _line.Append(value);
        }
    }

    public override void Flush()
    {
        if (_line.Length == 0)
        {
            return;
        }

        var line = new OutputLine(_line.ToString());
        _line.Clear();
        frames.Write(Framing.Encode(FrameKind.Output, line, WireJson.Default.OutputLine));
    }
}
