using ActorPool.Internal.Settings;
using ActorPool.Process;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using static ActorPool.Internal.Process.Settings.ProcessKeys;

namespace ActorPool.Internal.Process.Settings;

/// <summary>
/// Builds <see cref="ProcessSettings"/> from a block shaped like <c>actor-pool.process</c>, over the
/// embedded defaults, and throws one exception listing every unknown key, unreadable value and
/// broken rule.
/// </summary>
internal static class ProcessSettingsReader
{
    private static readonly Lazy<KnownKeys> s_known = new(() => new KnownKeys(ProcessConfig.DefaultBlock));

    public static ProcessSettings Read(Config block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var errors = new SettingsErrors();
        // env holds the user's own names, so only the keys beside it are checked.
        s_known.Value.Check(Without(block, Env), Prefix, errors);

        var d = new ProcessSettings();
        var merged = block.WithFallback(ProcessConfig.DefaultBlock);
        var read = new HoconReader(merged, Prefix, errors);
        var host = read.Text(DotnetHost, "");
        var settings = new ProcessSettings
        {
            StartTimeout = read.Duration(StartTimeout, d.StartTimeout),
            CancelGrace = read.Duration(CancelGrace, d.CancelGrace),
            StopTimeout = read.Duration(StopTimeout, d.StopTimeout),
            MaxMemoryGrowth = ReadSize(merged, errors),
            StderrLines = read.Int(StderrLines, d.StderrLines),
            ParentPollInterval = read.Duration(ParentPollInterval, d.ParentPollInterval),
            DotnetHost = host.Length == 0 ? null : host,
            Env = ReadEnv(merged, errors),
            Initializer = ReadInitializer(read.Text(Initializer, ""), errors),
        };

        new ProcessSettingsValidator(errors).Check(settings);
        SettingsErrors.ThrowIfAny(errors.Messages);
        return settings;
    }

    private static Type? ReadInitializer(string name, SettingsErrors errors)
    {
        if (name.Length == 0)
        {
            return null;
        }
        // Found in this process: the child is sent the type's assembly file, so it must load here too.
        var type = UserTypes.Find<IProcessInitializer>(Prefix + Initializer, name, out var error);
        if (type is null)
        {
            errors.Add(error);
        }
        return type;
    }

    private static long? ReadSize(Config block, SettingsErrors errors)
    {
        var raw = block.GetString(MaxMemoryGrowth);
        if (raw is "off")
        {
            return null;
        }

        if (raw is not null && ByteSize.TryParse(raw, out var bytes))
        {
            return bytes;
        }

        errors.Unreadable(Prefix + MaxMemoryGrowth,
            $"{Prefix}{MaxMemoryGrowth} must be a size with a unit such as 300MiB or 1GiB, or off, was: [{raw}]");
        return null;
    }

    private static Dictionary<string, string> ReadEnv(Config block, SettingsErrors errors)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var value = block.GetValue(Env);
        if (value is null || !value.IsObject())
        {
            errors.Add($"{Prefix}{Env} must be a block {{ NAME = \"value\" }}, was: [{value}]");
            return env;
        }

        foreach (var (name, item) in value.GetObject().Items)
        {
            if (item.IsObject() || item.IsArray())
            {
                errors.Add($"{Prefix}{Env}.{name} must be a string, was: [{item}]");
                continue;
            }

            env[name] = item.GetString();
        }

        return env;
    }

    /// <summary>A copy of <paramref name="block"/> without its <paramref name="key"/> entry.</summary>
    private static Config Without(Config block, string key)
    {
        if (block.Root is not { } root || !root.IsObject())
        {
            return block;
        }

        var copy = new HoconObject();
        foreach (var (name, value) in root.GetObject().Items.Where(i => i.Key != key))
        {
            copy.Items[name] = value;
        }

        var rootValue = new HoconValue();
        rootValue.AppendValue(copy);
        return new Config(new HoconRoot(rootValue));
    }
}
