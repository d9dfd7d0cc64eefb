namespace LiveRelay.Operations.Status;

/// <summary>
/// Calls made in each of the last <see cref="DeliveryActivity.SecondsKept"/> seconds, for one operation. Each slot packs
/// the second it counts and its count into one long, so a call is one compare-and-swap: no lock and no allocation on
/// the sending path.
/// </summary>
internal sealed class CallCounter
{
    private const int CountBits = 20;
    private const long CountMask = (1L << CountBits) - 1;

    private readonly long[] _slots = new long[DeliveryActivity.SecondsKept];
    private long _total;

    public long Total => Volatile.Read(ref _total);

    /// <param name="second">Unix time in whole seconds.</param>
    public void Increment(long second)
    {
        Interlocked.Increment(ref _total);
        ref var slot = ref _slots[second % _slots.Length];
        while (true)
        {
            var current = Volatile.Read(ref slot);
            long next;
            if (current >> CountBits == second)
            {
                if ((current & CountMask) == CountMask)
                {
                    return;
                }

                next = current + 1;
            }
            else if (current >> CountBits > second)
            {
                // A newer second already owns the slot (a clock that stepped back): this call is too old to show.
                return;
            }
            else
            {
                next = (second << CountBits) | 1;
            }

            if (Interlocked.CompareExchange(ref slot, next, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>The counts of the <see cref="DeliveryActivity.SecondsKept"/> seconds up to <paramref name="lastSecond"/>, oldest first.</summary>
    public int[] Read(long lastSecond)
    {
        var counts = new int[_slots.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            var second = lastSecond - (counts.Length - 1) + i;
            var slot = Volatile.Read(ref _slots[second % _slots.Length]);
            counts[i] = slot >> CountBits == second ? (int)(slot & CountMask) : 0;
        }

        return counts;
    }
}
