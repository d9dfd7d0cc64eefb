using System.Buffers;

namespace LiveRelay.AlibabaCloud.Signing;

/// <summary>A sorted copy of name/value pairs in a pooled array; dispose to return it.</summary>
internal readonly struct PooledPairs : IDisposable
{
    private readonly KeyValuePair<string, string>[] _array;

    private PooledPairs(KeyValuePair<string, string>[] array, int count)
    {
        _array = array;
        Count = count;
    }

    public int Count { get; }

    public ReadOnlySpan<KeyValuePair<string, string>> Span => _array.AsSpan(0, Count);

    /// <summary>Copies the pairs that <paramref name="include"/> accepts (all when null), transformed by <paramref name="map"/>, sorted by name then value.</summary>
    public static PooledPairs CopySorted(
        IEnumerable<KeyValuePair<string, string>> pairs,
        Func<KeyValuePair<string, string>, bool>? include = null,
        Func<KeyValuePair<string, string>, KeyValuePair<string, string>>? map = null)
    {
        var array = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(pairs.TryGetNonEnumeratedCount(out var known) ? Math.Max(known, 1) : 16);
        var count = 0;
        foreach (var pair in pairs)
        {
            if (include is not null && !include(pair))
            {
                continue;
            }

            if (count == array.Length)
            {
                var larger = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(array.Length * 2);
                array.AsSpan(0, count).CopyTo(larger);
                ArrayPool<KeyValuePair<string, string>>.Shared.Return(array, clearArray: true);
                array = larger;
            }

            array[count++] = map is null ? pair : map(pair);
        }

        Array.Sort(array, 0, count, OrdinalPairComparer.Instance);
        return new PooledPairs(array, count);
    }

    public void Dispose() => ArrayPool<KeyValuePair<string, string>>.Shared.Return(_array, clearArray: true);
}

