namespace LiveRelay.AlibabaCloud.Signing;

/// <summary>Orders parameters and headers as the signatures need: by name, then by value, both ordinal.</summary>
internal sealed class OrdinalPairComparer : IComparer<KeyValuePair<string, string>>
{
    public static OrdinalPairComparer Instance { get; } = new();

    public int Compare(KeyValuePair<string, string> x, KeyValuePair<string, string> y)
    {
        var byName = string.CompareOrdinal(x.Key, y.Key);
        return byName != 0 ? byName : string.CompareOrdinal(x.Value, y.Value);
    }
}
