using System.Text.RegularExpressions;
using Akka.Event;

namespace ActorPool.Internal.Diagnostics;

/// <summary>
/// One message of a log catalogue (<see cref="Log"/>, and one per package): a stable event id, a
/// name, a level and a message template with named fields.
/// </summary>
/// <remarks>
/// <para>
/// Written through Akka's <see cref="ILoggingAdapter"/>, whose default formatter in Akka.NET 1.5
/// (<c>SemanticLogMessageFormatter</c>) renders named placeholders and keeps them as the event's
/// properties for structured Akka loggers. Akka.Hosting 1.5's <c>LoggerFactoryLogger</c> hands
/// Microsoft.Extensions.Logging only the rendered line, with an empty MEL <c>EventId</c>, so the id
/// travels in the message itself: as the first field, <c>ActorPoolEventId</c> (<c>AP1001</c>),
/// rendered as a leading <c>[AP1001]</c>. A user filters on the field in a structured Akka sink, or
/// on the text anywhere else.
/// </para>
/// <para>Off the hot path only: each write allocates its argument array (when the level is on).</para>
/// </remarks>
internal sealed partial class LogEntry
{
    /// <summary>The structured field that carries the event id.</summary>
    public const string IdField = "ActorPoolEventId";

    public LogEntry(int id, string name, LogLevel level, string template)
    {
        Id = id;
        Code = "AP" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Name = name;
        Level = level;
        Template = template;
        Format = "[{" + IdField + "}] " + template;
    }

    public int Id { get; }

    /// <summary>The id as it appears in a log line and in its <see cref="IdField"/>, e.g. <c>AP1001</c>.</summary>
    public string Code { get; }

    public string Name { get; }

    public LogLevel Level { get; }

    /// <summary>The template without the id, as the docs list it.</summary>
    public string Template { get; }

    /// <summary>The template written: the id field first, then <see cref="Template"/>.</summary>
    public string Format { get; }

    /// <summary>The template's named fields, in order (the id field not included).</summary>
    public IReadOnlyList<string> Fields => Placeholder().Matches(Template).Select(m => m.Groups[1].Value).ToList();

    public void Write(ILoggingAdapter log, params object?[] args) => Write(log, null, args);

    public void Write(ILoggingAdapter log, Exception? cause, params object?[] args)
    {
        if (!log.IsEnabled(Level))
        {
            return;
        }
        var all = new object?[args.Length + 1];
        all[0] = Code;
        Array.Copy(args, 0, all, 1, args.Length);
        log.Log(Level, cause, Format, all!);
    }

    /// <summary>The line as written, without a logger: for tests, and wherever the same text is shown (the top view).</summary>
    public string Render(params object?[] args)
    {
        var all = new object?[args.Length + 1];
        all[0] = Code;
        Array.Copy(args, 0, all, 1, args.Length);
        return SemanticLogMessageFormatter.Instance.Format(Format, all!);
    }

    [GeneratedRegex(@"(?<!\{)\{([A-Za-z0-9_]+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
