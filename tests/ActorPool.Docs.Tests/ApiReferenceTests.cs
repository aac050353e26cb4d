using System.Text.Json;

namespace ActorPool.Docs.Tests;

/// <summary>The API reference (docs/docfx.json) covers every library that ships XML docs.</summary>
public sealed class ApiReferenceTests
{
    [Fact]
    public void Docfx_lists_every_src_project_that_generates_xml_docs()
    {
        var libraries = Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("<GenerateDocumentationFile>true</GenerateDocumentationFile>", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Path.Combine(Repo.Root, "src"), p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        using var docfx = JsonDocument.Parse(Repo.Read("docs/docfx.json"));
        var listed = docfx.RootElement.GetProperty("metadata").EnumerateArray()
            .SelectMany(m => m.GetProperty("src").EnumerateArray())
            .SelectMany(s => s.GetProperty("files").EnumerateArray().Select(f => f.GetString()!))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(libraries);
        Assert.Equal(libraries, listed);
    }
}
