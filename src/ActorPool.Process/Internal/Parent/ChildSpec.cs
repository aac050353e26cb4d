using ActorPool.Internal.Process.Wire;
using ActorPool.Process;
using Akka.Event;

namespace ActorPool.Internal.Process.Parent;

/// <summary>What every child of one worker is started with.</summary>
internal sealed record ChildSpec(
    string WorkerName,
    ProcessSettings Settings,
    IReadOnlyList<JobTypeEntry> Jobs,
    JobTypeEntry? Initializer,
    IReadOnlyDictionary<string, string> Env,
    ILoggingAdapter Log,
    TimeProvider Time);
