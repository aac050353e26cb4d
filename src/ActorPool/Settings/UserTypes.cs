namespace ActorPool.Internal.Settings;

/// <summary>User types named in HOCON (a sizing policy, a worker initializer): found, checked and made.</summary>
internal static class UserTypes
{
    /// <summary>The concrete <typeparamref name="T"/> with a public parameterless constructor that <paramref name="name"/> names, or null and why not (naming <paramref name="key"/>).</summary>
    public static Type? Find<T>(string key, string name, out string error)
    {
        error = "";
        Type? type;
        try
        {
            type = Type.GetType(name, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException or TypeLoadException)
        {
            type = null;
        }
        if (type is null)
        {
            error = $"{key} names no type that can be loaded (an assembly-qualified name such as \"Acme.MyType, Acme\"), was: [{name}]";
        }
        else if (!typeof(T).IsAssignableFrom(type) || type.IsAbstract)
        {
            error = $"{key} must name a concrete type implementing {typeof(T).FullName}, was: [{name}]";
        }
        else if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            error = $"{key} must name a type with a public parameterless constructor, was: [{name}]";
        }
        return error.Length == 0 ? type : null;
    }

    /// <summary>Makes the type <paramref name="name"/> names; <see cref="ArgumentException"/> naming <paramref name="key"/> if it cannot.</summary>
    public static T Create<T>(string key, string name)
    {
        var type = Find<T>(key, name, out var error) ?? throw new ArgumentException(error);
        try
        {
            return (T)Activator.CreateInstance(type)!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new ArgumentException($"{key} could not be created, was: [{name}]: its constructor threw {inner.GetType().Name}: {inner.Message}", inner);
        }
    }
}
