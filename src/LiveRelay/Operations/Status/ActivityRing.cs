namespace LiveRelay.Operations.Status;

/// <summary>
/// The last few <see cref="DeliveryRecord"/>s: a fixed array written round-robin without a lock. A reader may miss an
/// entry that is being overwritten at that moment, which a status page can live with.
/// </summary>
internal sealed class ActivityRing(int capacity)
{
    private readonly DeliveryRecord?[] _items = new DeliveryRecord?[capacity];
    private long _count;

    public long Count => Volatile.Read(ref _count);

    /// <summary>The next sequence number: the caller builds its record with it, then <see cref="Add"/>s it.</summary>
    public long Next() => Interlocked.Increment(ref _count);

    public void Add(DeliveryRecord record) => Volatile.Write(ref _items[(record.Sequence - 1) % _items.Length], record);

    /// <summary>Newest first.</summary>
    public DeliveryRecord[] Read()
    {
        var copy = new List<DeliveryRecord>(_items.Length);
        for (var i = 0; i < _items.Length; i++)
        {
            if (Volatile.Read(ref _items[i]) is { } record)
            {
                copy.Add(record);
            }
        }

        copy.Sort(static (a, b) => b.Sequence.CompareTo(a.Sequence));
        return [.. copy];
    }
}
