using ActorPool.Docs;

namespace ActorPool.Docs.Tests;

public sealed class ConfigurationReferenceTests
{
    [Fact]
    public void The_page_is_what_the_conf_files_generate()
    {
        var expected = ConfigurationPage.Render(Repo.Root);
        var actual = Repo.Read(ConfigurationPage.OutputPath).ReplaceLineEndings("\n");

        Assert.True(expected == actual,
            $"{ConfigurationPage.OutputPath} is stale: HOCON/*.conf changed since it was generated. " +
            $"Regenerate it with `{ConfigurationPage.RegenerateCommand}` and commit the result. " +
            $"First difference at line {FirstDifferentLine(expected, actual)}.");
    }

    [Theory]
    [InlineData("HOCON/reference.conf", "actor-pool")]
    [InlineData("HOCON/process.conf", "actor-pool.process")]
    [InlineData("HOCON/cluster.conf", "actor-pool.cluster")]
    public void The_page_documents_every_key_Akka_reads_from_the_file(string file, string root)
    {
        var page = Repo.Read(ConfigurationPage.OutputPath);
        var keys = HoconLeaves.Of(HoconLeaves.Parse(file), root);

        Assert.NotEmpty(keys);
        var missing = keys.Where(k => !page.Contains($"#### `{k}`\n", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0,
            $"{ConfigurationPage.OutputPath} misses {string.Join(", ", missing)} from {file}. " +
            $"Regenerate it with `{ConfigurationPage.RegenerateCommand}`.");
    }

    [Theory]
    [InlineData("HOCON/reference.conf", "actor-pool")]
    [InlineData("HOCON/process.conf", "actor-pool.process")]
    [InlineData("HOCON/cluster.conf", "actor-pool.cluster")]
    public void The_generator_reads_the_same_keys_and_defaults_as_Akka(string file, string root)
    {
        var config = HoconLeaves.Parse(file);
        var parsed = ConfFile.Read(Repo.Root, file).Entries
            .Where(e => e.IsLeaf && e.Path.StartsWith(root, StringComparison.Ordinal))
            .ToList();

        Assert.Equal(HoconLeaves.Of(config, root).Order(StringComparer.Ordinal), parsed.Select(e => e.Path).Order(StringComparer.Ordinal));
        // The page shows each default as written; Akka must read the same value from the file.
        foreach (var entry in parsed.Where(e => !e.IsBlock && !e.Value!.StartsWith('[')))
        {
            Assert.Equal(config.GetString(entry.Path), entry.Value!.Trim('"'));
        }
    }

    [Fact]
    public void Every_key_has_its_comment()
    {
        var undocumented = ConfigurationPage.Sources
            .SelectMany(s => ConfFile.Read(Repo.Root, s.Path).Entries)
            .Where(e => e.IsLeaf && e.Path.StartsWith("actor-pool", StringComparison.Ordinal) && e.Comment.Count == 0)
            .Select(e => e.Path)
            .ToList();

        Assert.True(undocumented.Count == 0, $"keys without a comment above them in HOCON/*.conf: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void The_explanatory_page_links_the_reference()
    {
        Assert.Contains("(configuration-reference.md)", Repo.Read("docs/configuration.md"), StringComparison.Ordinal);
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i])
        {
            i++;
        }
        return i + 1;
    }
}
