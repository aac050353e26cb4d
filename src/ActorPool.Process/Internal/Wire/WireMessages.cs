using System.Text.Json.Serialization;

namespace ActorPool.Internal.Process.Wire;

/// <summary>The kind byte of a frame: what its JSON body is. The numbers are the wire format.</summary>
internal enum FrameKind : byte
{
    /// <summary>Parent to child, first frame: <see cref="StartChild"/>.</summary>
    Start = 1,

    /// <summary>Child to parent: <see cref="ChildReady"/>.</summary>
    Ready = 2,

    /// <summary>Child to parent: <see cref="StartFailed"/>; the child exits after it.</summary>
    StartFailed = 3,

    /// <summary>Parent to child: <see cref="RunJob"/>.</summary>
    Run = 4,

    /// <summary>Parent to child: <see cref="CancelJob"/>.</summary>
    Cancel = 5,

    /// <summary>Child to parent: <see cref="JobDone"/>.</summary>
    Done = 6,

    /// <summary>Parent to child: exit now (sent only between jobs). No body.</summary>
    Stop = 7,

    /// <summary>Child to parent: <see cref="OutputLine"/>, a line a job wrote to Console.Out.</summary>
    Output = 8,
}

/// <summary>One allow-listed type: where the child loads it from, and the id jobs name it by.</summary>
internal sealed record JobTypeEntry(string Id, string AssemblyPath, string TypeName);

/// <summary>Everything the child needs, sent once: the allow-list is here and nowhere else.</summary>
internal sealed record StartChild(
    string WorkerName,
    int ParentPid,
    long ParentStartTicks,
    int ParentPollMillis,
    IReadOnlyList<JobTypeEntry> Jobs,
    JobTypeEntry? Initializer);

internal sealed record ChildReady(int Pid, long WorkingSet);

internal sealed record StartFailed(string Error);

/// <summary>Runs job <paramref name="TypeId"/> (an id of the allow-list) on a JSON argument.</summary>
/// <param name="JobId">The parent's id of this run.</param>
/// <param name="TypeId">The job type's id in the child's allow-list.</param>
/// <param name="Argument">The argument as JSON.</param>
/// <param name="Type">The allow-list entry of a type the parent registered after this child
/// started, sent with the first job of that type only (see <see cref="Child.JobCatalog.Add"/>).</param>
internal sealed record RunJob(long JobId, string TypeId, string Argument, JobTypeEntry? Type = null);

internal sealed record CancelJob(long JobId);

/// <summary>A job's end: a JSON result, or the job's exception; the child's working set after it.</summary>
internal sealed record JobDone(
    long JobId,
    bool Ok,
    string? Result,
    string? ErrorType,
    string? ErrorMessage,
    string? ErrorStack,
    long WorkingSet);

internal sealed record OutputLine(string Line);

/// <summary>Source-generated serialization of the frames' bodies: no reflection on wire types.</summary>
[JsonSerializable(typeof(StartChild))]
[JsonSerializable(typeof(ChildReady))]
[JsonSerializable(typeof(StartFailed))]
[JsonSerializable(typeof(RunJob))]
[JsonSerializable(typeof(CancelJob))]
[JsonSerializable(typeof(JobDone))]
[JsonSerializable(typeof(OutputLine))]
internal sealed partial class WireJson : JsonSerializerContext;
