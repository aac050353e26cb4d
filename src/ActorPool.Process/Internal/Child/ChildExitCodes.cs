namespace ActorPool.Internal.Process.Child;

/// <summary>The exit codes the child host chooses itself; the parent's crash message names them.</summary>
internal static class ChildExitCodes
{
    /// <summary>Told to stop, or its link closed: a normal end.</summary>
    public const int Normal = 0;

    /// <summary>The start frame was missing or bad, or a type failed to load, or the initializer threw.</summary>
    public const int StartFailed = 2;

    /// <summary>A job ran out of memory; the child's state cannot be trusted after that (ENOMEM).</summary>
    public const int OutOfMemory = 12;

    /// <summary>The parent was found gone by polling.</summary>
    public const int ParentGone = 3;

    /// <summary>The link broke inside a frame, or a frame made no sense.</summary>
    public const int LinkBroken = 4;

    public static string? Describe(int code) => code switch
    {
        StartFailed => "the child failed to start",
        OutOfMemory => "a job ran out of memory",
        ParentGone => "the child found its parent gone",
        LinkBroken => "the link to the child broke",
        _ => null,
    };
}
