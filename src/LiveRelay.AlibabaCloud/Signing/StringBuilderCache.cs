using System.Text;

namespace LiveRelay.AlibabaCloud.Signing;

/// <summary>
/// One reusable <see cref="StringBuilder"/> per thread, as the runtime keeps internally: signing builds several
/// strings per call, and the builders would otherwise be most of what it allocates besides its results.
/// </summary>
internal static class StringBuilderCache
{
    // Canonical requests of ordinary messages fit; a rare very large one gets a builder of its own.
    private const int MaxCachedCapacity = 8 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static StringBuilder Acquire(int capacity = 256)
    {
        if (capacity <= MaxCachedCapacity && t_cached is { } cached && capacity <= cached.Capacity)
        {
            t_cached = null;
            cached.Clear();
            return cached;
        }

        return new StringBuilder(capacity);
    }

    public static void Release(StringBuilder builder)
    {
        if (builder.Capacity <= MaxCachedCapacity)
        {
            t_cached = builder;
        }
    }

    public static string GetStringAndRelease(StringBuilder builder)
    {
        var result = builder.ToString();
        Release(builder);
        return result;
    }
}
