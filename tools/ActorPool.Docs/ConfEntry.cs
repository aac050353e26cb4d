namespace ActorPool.Docs;

/// <summary>
/// One key or block of a HOCON file as a reader sees it: its full path, its default as written,
/// the comment above it and the <c># --- section ---</c> it sits in.
/// </summary>
public sealed class ConfEntry(string path, string? section, IReadOnlyList<string> comment)
{
    /// <summary>The full dotted path, e.g. <c>actor-pool.sizing.policy</c>.</summary>
    public string Path { get; } = path;

    /// <summary>The divider section above it, or null before the first divider.</summary>
    public string? Section { get; } = section;

    /// <summary>The comment lines directly above it, without the <c>#</c>.</summary>
    public IReadOnlyList<string> Comment { get; } = comment;

    /// <summary>The default as written in the file; null for a block with keys.</summary>
    public string? Value { get; set; }

    /// <summary>Whether it opens a block (<c>name {</c>).</summary>
    public bool IsBlock { get; init; }

    /// <summary>How many keys or blocks the block holds.</summary>
    public int Children { get; set; }

    /// <summary>Whether it is a leaf: a key, or a block that holds nothing (its default is empty).</summary>
    public bool IsLeaf => !IsBlock || Children == 0;
}
