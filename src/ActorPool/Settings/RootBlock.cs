using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorPool.Internal.Settings;

/// <summary>
/// The <c>actor-pool</c> block of a whole configuration. A root that is not a block is refused by
/// name, and so is a root key a small edit away from <c>actor-pool</c> (<c>actor-pools</c>,
/// <c>actorpool</c>) when the application sets no <c>actor-pool</c> key of its own: its settings
/// would otherwise be ignored without a word.
/// </summary>
internal static class RootBlock
{
    private const string Root = ActorPoolConfig.RootPath;

    // actor-pools, actorpool, actor_pool, Actor-Pool; "akka" and other libraries' roots are far.
    private const int MaxMisspelling = 2;

    /// <summary>
    /// The <c>actor-pool</c> block of <paramref name="config"/>, a system's whole configuration
    /// with the embedded defaults already under it.
    /// </summary>
    /// <exception cref="ArgumentException">The root is not a block, or looks misspelt.</exception>
    public static Config Of(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var value = config.HasPath(Root) ? config.GetValue(Root) : null;
        if (value is null)
        {
            ThrowIfMisspelt(config);
            return Config.Empty;
        }

        ThrowIfNotABlock(value);
        // The defaults are merged in, so the block always exists: judge whether the application
        // set anything by comparing it with them.
        if (SameAsDefaults(value.GetObject(), ActorPoolConfig.DefaultBlock.Root.GetObject()))
        {
            ThrowIfMisspelt(config);
        }

        return config.GetConfig(Root);
    }

    /// <summary>Refuses a block (read as <c>actor-pool</c>) whose root is a value, not an object.</summary>
    /// <exception cref="ArgumentException">The root is not a block.</exception>
    public static void ThrowIfNotABlock(Config block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Root is { } root)
        {
            ThrowIfNotABlock(root);
        }
    }

    private static void ThrowIfNotABlock(HoconValue value)
    {
        if (!value.IsObject())
        {
            throw new ArgumentException($"{Root} must be a block {{ ... }}, was: [{Describe(value)}]");
        }
    }

    private static void ThrowIfMisspelt(Config config)
    {
        if (config.Root is not { } root || !root.IsObject())
        {
            return;
        }

        var errors = new SettingsErrors();
        foreach (var key in root.GetObject().Items.Keys)
        {
            if (key != Root && Levenshtein.Distance(key, Root) <= MaxMisspelling)
            {
                errors.Add($"unknown key {key}; did you mean {Root}? (there is no {Root} block, so ActorPool would ignore it)");
            }
        }

        SettingsErrors.ThrowIfAny(errors.Messages);
    }

    private static bool SameAsDefaults(HoconObject block, HoconObject defaults)
    {
        foreach (var (name, value) in block.Items)
        {
            if (!defaults.Items.TryGetValue(name, out var reference) || value.IsObject() != reference.IsObject())
            {
                return false;
            }

            var same = value.IsObject()
                ? SameAsDefaults(value.GetObject(), reference.GetObject())
                : value.ToString() == reference.ToString();
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(HoconValue value) =>
        value.IsString() ? value.GetString() ?? "null" : value.IsArray() ? "a list" : value.ToString();
}
