namespace ActorPool;

/// <summary>
/// The live shared pools started with one capability set, as the <c>capability</c> policy sees them
/// at a tick.
/// </summary>
/// <param name="Capabilities">The set, its names sorted and joined by commas (<c>fp64,gpu</c>); empty for plain pools.</param>
/// <param name="Pools">Live shared pools of this set (draining and leased ones excluded).</param>
/// <param name="Running">Jobs running on them.</param>
/// <param name="Queued">Jobs in their queues.</param>
public sealed record CapabilityGroup(string Capabilities, int Pools, int Running, int Queued);
