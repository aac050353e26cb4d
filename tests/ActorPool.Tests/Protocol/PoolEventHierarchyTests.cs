using System.Reflection;

namespace ActorPool.Tests.Protocol;

/// <summary>
/// The set of <see cref="PoolEvent"/>s is closed. What these tests show is structural: PoolEvent
/// has an abstract member visible only inside ActorPool and no public way to build one, and every
/// event ActorPool defines is sealed and overrides that member. From those facts C# refuses a
/// concrete <c>record X : PoolEvent</c> in another assembly (CS0534: it cannot override the
/// member it cannot see); no foreign assembly is compiled here.
/// </summary>
public sealed class PoolEventHierarchyTests
{
    private const BindingFlags Everything = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Type[] s_events = typeof(PoolEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(PoolEvent)))
        .ToArray();

    [Fact]
    public void PoolEvent_HasAnAbstractMemberOnlyActorPoolCanOverride()
    {
        var closing = typeof(PoolEvent).GetMethods(Everything)
            .Where(m => m.IsAbstract && m.IsAssembly)
            .Select(m => m.Name)
            .ToArray();

        Assert.Equal(["get_Kind"], closing);
    }

    [Fact]
    public void PoolEvent_HasNoPublicConstructor()
    {
        var constructors = typeof(PoolEvent).GetConstructors(Everything);

        Assert.NotEmpty(constructors);
        Assert.All(constructors, c => Assert.False(c.IsPublic, $"{c} is public"));
        Assert.True(typeof(PoolEvent).IsAbstract);
    }

    [Fact]
    public void EveryEvent_IsSealed_AndOverridesKindWithItsOwnName()
    {
        Assert.Equal(11, s_events.Length);
        Assert.All(s_events, t => Assert.True(t.IsSealed && t.IsPublic, $"{t.Name} is public and sealed"));
        var kinds = s_events
            .Select(t => (string)t.GetProperty("Kind", Everything)!.GetValue(Uninitialized(t))!)
            .ToArray();
        Assert.Equal(kinds.Length, kinds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("pool-started", new PoolStarted("/user/pools", "pool-1").Kind);
    }

    // Kind reads no state, so an instance built without running a constructor suffices.
    private static object Uninitialized(Type type) =>
        System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
}
