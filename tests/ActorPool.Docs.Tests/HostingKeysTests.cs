using System.Reflection;
using System.Xml.Linq;
using ActorPool.Cluster.Hosting;
using ActorPool.Hosting;
using Akka.Configuration;

namespace ActorPool.Docs.Tests;

/// <summary>
/// The hosting options write HOCON keys for the settings readers: a key that reference.conf lacks
/// would fail the start as unknown, and one spelt like another would set the wrong setting. Each
/// option is set alone, so each must write exactly one key, the one its XML doc names.
/// </summary>
public sealed class HostingKeysTests
{
    public static TheoryData<string> PoolOptions() => [.. Options(typeof(ActorPoolOptions))];

    public static TheoryData<string> ClusterOptions() => [.. Options(typeof(ClusterPoolsOptions))];

    [Theory]
    [MemberData(nameof(PoolOptions))]
    public void Each_pool_option_writes_the_reference_conf_key_its_doc_names(string property)
    {
        var options = new ActorPoolOptions();
        Set(options, property);

        AssertOneKnownKey(typeof(ActorPoolOptions), property, options.ToHocon(), "HOCON/reference.conf", "actor-pool");
    }

    [Theory]
    [MemberData(nameof(ClusterOptions))]
    public void Each_cluster_option_writes_the_cluster_conf_key_its_doc_names(string property)
    {
        var options = new ClusterPoolsOptions();
        Set(options, property);

        AssertOneKnownKey(typeof(ClusterPoolsOptions), property, options.ToHocon(), "HOCON/cluster.conf", "actor-pool.cluster");
    }

    [Fact]
    public void Options_left_null_write_nothing()
    {
        Assert.Equal("", new ActorPoolOptions().ToHocon().Trim());
        Assert.Equal("", new ClusterPoolsOptions().ToHocon().Trim());
    }

    private static void AssertOneKnownKey(Type type, string property, string hocon, string file, string root)
    {
        var written = HoconLeaves.Of(ConfigurationFactory.ParseString($"{root} {{\n{hocon}\n}}"), root);
        var known = HoconLeaves.Of(HoconLeaves.Parse(file), root);

        var key = Assert.Single(written);
        Assert.True(known.Contains(key), $"{type.Name}.{property} writes {key}, which {file} does not have.");
        var documented = root + "." + DocumentedKey(type, property);
        Assert.True(documented == key, $"{type.Name}.{property} writes {key}, but its XML doc names {documented}.");
    }

    // Every nullable option property, by name: what a user sets on the options object.
    private static IEnumerable<string> Options(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && (Nullable.GetUnderlyingType(p.PropertyType) is not null || p.PropertyType == typeof(string)))
            .Select(p => p.Name);

    private static void Set(object options, string name)
    {
        var property = options.GetType().GetProperty(name)!;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object value = type switch
        {
            _ when type == typeof(int) => 3,
            _ when type == typeof(double) => 0.5,
            _ when type == typeof(bool) => true,
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(7),
            _ when type == typeof(string) => "queue",
            _ when type.IsEnum => Enum.GetValues(type).GetValue(1)!,
            _ => throw new InvalidOperationException($"add a sample value for {type.Name} ({name})"),
        };
        property.SetValue(options, value);
    }

    // The first <c>key</c> of the property's summary in the assembly's XML documentation file.
    private static string DocumentedKey(Type type, string property)
    {
        var xml = Path.ChangeExtension(type.Assembly.Location, ".xml");
        var member = XDocument.Load(xml).Descendants("member")
            .Single(m => (string?)m.Attribute("name") == $"P:{type.FullName}.{property}");
        return member.Element("summary")!.Elements("c").First().Value;
    }
}
