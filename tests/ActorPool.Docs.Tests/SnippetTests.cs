using ActorPool.Docs;

namespace ActorPool.Docs.Tests;

/// <summary>
/// Every C# block in README.md and docs/ is a region of a file that compiles (a sample, or
/// Snippets/ here): a doc that drifts from the code, or a block with no source, fails.
/// </summary>
public sealed class SnippetTests
{
    public static TheoryData<string> Pages() => [.. DocSnippets.Pages(Repo.Root)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_csharp_block_names_its_region(string doc)
    {
        var unmarked = DocSnippets.Blocks(Repo.Root, doc).Where(b => b.Source is null).Select(b => $"{doc}:{b.Line}").ToList();

        Assert.True(unmarked.Count == 0,
            $"```csharp blocks without a `<!-- snippet: path/File.cs#region -->` line above them: {string.Join(", ", unmarked)}. " +
            "Move the code into a #region of a sample or of tests/ActorPool.Docs.Tests/Snippets and mark the block.");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_marked_block_equals_its_region(string doc)
    {
        var problems = new List<string>();
        foreach (var block in DocSnippets.Blocks(Repo.Root, doc).Where(b => b.Source is not null))
        {
            var region = DocSnippets.Region(Repo.Root, block.Source!, block.Region!);
            if (region is null)
            {
                problems.Add($"{doc}:{block.Line} names {block.Source}#{block.Region}, but {block.Source} has no such #region");
            }
            else if (region != block.Text)
            {
                problems.Add($"{doc}:{block.Line} differs from #region {block.Region} in {block.Source}");
            }
        }

        Assert.True(problems.Count == 0,
            string.Join("\n", problems) + $"\nRewrite the blocks from their regions with `{ConfigurationPage.RegenerateCommand}`.");
    }

    [Fact]
    public void A_region_is_read_dedented_without_nested_region_lines()
    {
        var region = DocSnippets.Region(Repo.Root, "samples/DeviceSessions/Sessions.cs", "device-sessions-acquire");

        Assert.NotNull(region);
        Assert.StartsWith("var leaseFor = ", region, StringComparison.Ordinal);
        Assert.DoesNotContain("#endregion", region, StringComparison.Ordinal);
    }
}
