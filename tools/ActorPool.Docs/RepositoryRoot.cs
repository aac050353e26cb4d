namespace ActorPool.Docs;

/// <summary>Finds the repository root: the nearest directory up from a start that holds ActorPool.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The root above <paramref name="start"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No directory above it holds ActorPool.sln.</exception>
    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorPool.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No ActorPool.sln above {start}; run inside the repository.");
    }
}
