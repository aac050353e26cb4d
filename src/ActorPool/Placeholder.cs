namespace ActorPool.Internal;

internal static class Placeholder
{
}
