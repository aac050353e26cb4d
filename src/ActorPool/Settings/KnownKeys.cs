using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorPool.Internal.Settings;

/// <summary>
/// The keys a block may hold, taken from its reference block, so a misspelt key is reported
/// with the nearest valid one instead of being silently ignored.
/// </summary>
/// <remarks>
/// Every key of the reference block is known, including keys that another settings type reads:
/// the reference file is the one list of what exists.
/// </remarks>
internal sealed class KnownKeys
{
    private readonly HashSet<string> _leaves = new(StringComparer.Ordinal);
    private readonly HashSet<string> _blocks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ownedElsewhere = new(StringComparer.Ordinal);
    private readonly string[] _sortedLeaves;

    /// <param name="reference">The reference block: its keys are the known ones.</param>
    /// <param name="ownedElsewhere">Blocks another package reads and checks strictly itself
    /// (<c>process</c>, by ActorPool.Process): accepted here as blocks, whatever they hold.</param>
    public KnownKeys(Config reference, IEnumerable<string>? ownedElsewhere = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        _ownedElsewhere.UnionWith(ownedElsewhere ?? []);
        Collect(reference.Root, "");
        _sortedLeaves = [.. _leaves.Order(StringComparer.Ordinal)];
    }

    /// <summary>Reports every key of <paramref name="block"/> that the reference lacks.</summary>
    public void Check(Config block, string prefix, SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Root is { } root && root.IsObject())
        {
            CheckObject(root.GetObject(), "", prefix, errors);
        }
    }

    /// <summary>The known key closest to <paramref name="key"/> by Levenshtein distance.</summary>
    public (string Key, int Distance) Nearest(string key) =>
        _sortedLeaves
            .Select(known => (known, Levenshtein.Distance(key, known)))
            .MinBy(pair => pair.Item2);

    private void CheckObject(HoconObject obj, string path, string prefix, SettingsErrors errors)
    {
        foreach (var (name, value) in obj.Items)
        {
            var key = path + name;
            if (_leaves.Contains(key))
            {
                continue; // its value is checked when it is read
            }

            var owned = _ownedElsewhere.Contains(key);
            if (_blocks.Contains(key) || owned)
            {
                if (value.IsObject())
                {
                    // A block owned elsewhere is checked by its owner, key by key.
                    if (!owned)
                    {
                        CheckObject(value.GetObject(), key + ".", prefix, errors);
                    }
                }
                else
                {
                    errors.Add($"{prefix}{key} must be a block {{ ... }}, was: [{value}]");
                }

                continue;
            }

            ReportUnknown(value, key, prefix, errors);
        }
    }

    private void ReportUnknown(HoconValue value, string key, string prefix, SettingsErrors errors)
    {
        // An unknown block is reported by its leaves, so `sizing.polcy` is matched as written.
        if (value.IsObject() && value.GetObject().Items.Count > 0)
        {
            foreach (var (name, inner) in value.GetObject().Items)
            {
                ReportUnknown(inner, key + "." + name, prefix, errors);
            }

            return;
        }

        var (nearest, distance) = Nearest(key);
        // A far match is still named, but not offered as the likely intent.
        var hint = distance <= Math.Max(2, key.Length / 3)
            ? $"did you mean {prefix}{nearest}?"
            : $"the nearest valid key is {prefix}{nearest}";
        errors.Add($"unknown key {prefix}{key}; {hint}");
    }

    private void Collect(HoconValue? value, string path)
    {
        if (value is null || !value.IsObject())
        {
            return;
        }

        foreach (var (name, inner) in value.GetObject().Items)
        {
            var key = path + name;
            if (inner.IsObject())
            {
                _blocks.Add(key);
                Collect(inner, key + ".");
            }
            else
            {
                _leaves.Add(key);
            }
        }
    }
}
