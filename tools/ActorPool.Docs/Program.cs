using ActorPool.Docs;

// Rewrites docs/configuration-reference.md from HOCON/*.conf and every marked C# block of the docs
// from its #region. Run from anywhere inside the repository:
//   dotnet run --project tools/ActorPool.Docs
var root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
var page = Path.Combine(root, ConfigurationPage.OutputPath);
File.WriteAllText(page, ConfigurationPage.Render(root), new System.Text.UTF8Encoding(false));
Console.WriteLine($"wrote {ConfigurationPage.OutputPath}");
foreach (var doc in DocSnippets.Sync(root))
{
    Console.WriteLine($"updated snippets in {doc}");
}
