using System.Collections.Concurrent;

namespace ActorPool.Internal.Dispatch;

/// <summary>
/// A capability set: what a job requires, or what a pool was started with (e.g. <c>[gpu]</c>).
/// Interned, so two equal sets are one object and compare by reference on the job path; the empty
/// set is a plain job or a plain pool.
/// </summary>
internal sealed class Requirement
{
    private static readonly ConcurrentDictionary<string, Requirement> s_interned = new(StringComparer.Ordinal);

    private Requirement(string[] names)
    {
        Names = names;
        Label = "[" + string.Join(", ", names) + "]";
    }

    /// <summary>No capability: a plain job, a plain pool.</summary>
    public static Requirement None { get; } = new([]);

    /// <summary>The capability names, sorted, without duplicates.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The set as logs and messages show it, e.g. <c>[fp64, gpu]</c>.</summary>
    public string Label { get; }

    public bool IsNone => Names.Count == 0;

    /// <summary>The interned set of <paramref name="capabilities"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty, has white space or is not made of letters, digits, '-', '_' and '.'.</exception>
    public static Requirement Of(IEnumerable<string>? capabilities)
    {
        // Most jobs require nothing: no set is built for them.
        if (capabilities is null || capabilities is IReadOnlyCollection<string> { Count: 0 })
        {
            return None;
        }
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in capabilities)
        {
            if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"a capability name must be made of letters, digits, '-', '_' and '.', was: [{name}]", nameof(capabilities));
            }
            names.Add(name);
        }
        if (names.Count == 0)
        {
            return None;
        }
        var sorted = names.ToArray();
        return s_interned.GetOrAdd(string.Join(',', sorted), static (_, sorted) => new Requirement(sorted), sorted);
    }

    /// <summary>Whether a pool with <paramref name="pool"/> can run a job requiring this set.</summary>
    public bool IsSatisfiedBy(Requirement pool)
    {
        if (ReferenceEquals(this, pool) || IsNone)
        {
            return true;
        }
        foreach (var name in Names)
        {
            if (!pool.Names.Contains(name))
            {
                return false;
            }
        }
        return true;
    }

    public override string ToString() => Label;
}
