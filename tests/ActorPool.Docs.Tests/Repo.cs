using ActorPool.Docs;

namespace ActorPool.Docs.Tests;

/// <summary>The repository these tests run in, found from the test assembly's folder.</summary>
internal static class Repo
{
    public static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
}
