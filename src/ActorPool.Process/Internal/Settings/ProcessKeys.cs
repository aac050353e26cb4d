namespace ActorPool.Internal.Process.Settings;

/// <summary>The keys of <see cref="ActorPool.Process.ProcessSettings"/>, relative to <c>actor-pool.process</c>.</summary>
internal static class ProcessKeys
{
    public const string Path = "actor-pool.process";
    public const string Prefix = Path + ".";

    public const string StartTimeout = "start-timeout";
    public const string CancelGrace = "cancel-grace";
    public const string StopTimeout = "stop-timeout";
    public const string MaxMemoryGrowth = "max-memory-growth";
    public const string StderrLines = "stderr-lines";
    public const string ParentPollInterval = "parent-poll-interval";
    public const string DotnetHost = "dotnet-host";
    public const string Env = "env";
    public const string Initializer = "initializer";
}
