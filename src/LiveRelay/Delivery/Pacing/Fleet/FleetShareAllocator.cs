namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>
/// Divides an operation's limit among the processes that have messages to send, by demand, without the shares ever
/// adding up to more than the limit. Demand is the rate a process could use (calls per second, at most the limit). When
/// the demands fit within the limit, each process's fair share is its demand plus a part of what is left over in
/// proportion to it (room to grow before its next renewal); when they do not, the limit is divided max-min fairly:
/// a process that asks for less than an equal part gets what it asks for, and the processes that ask for more divide
/// the rest equally. So busy processes, which all ask for the limit, get equal shares that do not move with each
/// batch they take, and a light one is not starved by a busy one.
/// <para>
/// Each process renews its own lease and changes only its own share: it lowers it at once to its fair share, and
/// raises it only into what nobody else holds. So a newcomer starts small and grows as the others, at their next
/// renewal, give back what is now more than their fair share; and a process that stops renewing loses its share when
/// its lease ends. A process whose fair share falls a little below what it holds (by at most <see cref="Tolerance"/>
/// of the limit) keeps what it holds: a share lowered at once but regained only after the others' next renewal
/// would leave part of the limit unused at every swing. Keeping it is safe: nobody is ever granted more than the
/// others leave free. But it is not kept while the others are short of their fair shares by more than the tolerance in
/// all: three processes each keeping 3 % too much would otherwise hold a fourth 9 % short for good. A pure function of
/// the record and the clock: the store's conditional replace makes each renewal see the result of the one before.
/// </para>
/// </summary>
public static class FleetShareAllocator
{
    /// <summary>How far above its fair share, as a fraction of the limit, a process may keep the share it holds.</summary>
    public const double Tolerance = 0.05;

    /// <summary>How far below its fair share, as a fraction of the limit, a process's share must be to count as short of it.</summary>
    public const double ShortMargin = 0.01;

    /// <param name="state">The record as read.</param>
    /// <param name="processId">The renewing process.</param>
    /// <param name="demand">The rate it could use, in calls per second (more than the limit counts as the limit); 0 gives back its share and removes its lease.</param>
    /// <param name="limit">The account's limit for the operation, in calls per second.</param>
    /// <param name="now">The renewing process's clock.</param>
    /// <param name="leaseDuration">How long a lease lasts without renewal.</param>
    /// <param name="pauseUntil">A pause this process was asked for, to put on the record for every process.</param>
    public static FleetShareDecision Renew(
        FleetShareState state, string processId, double demand, double limit, DateTimeOffset now, TimeSpan leaseDuration, DateTimeOffset? pauseUntil = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(processId);
        if (!double.IsFinite(demand) || demand < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(demand), demand, "Demand must be a finite number, 0 or more.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        var others = new List<FleetShareHolder>(state.Holders.Count);
        var held = 0.0;
        foreach (var holder in state.Holders)
        {
            if (holder.RenewedAt + leaseDuration <= now)
            {
                continue;
            }

            if (holder.ProcessId == processId)
            {
                held = holder.Granted;
            }
            else
            {
                others.Add(holder);
            }
        }

        var pause = Later(state.PausedUntil, pauseUntil) is { } until && until > now ? until : (DateTimeOffset?)null;
        if (demand == 0)
        {
            return new FleetShareDecision(new FleetShareState(others, pause), 0, 0, others.Count, 0);
        }

        demand = Math.Min(demand, limit);
        var demands = new List<double>(others.Count + 1) { demand };
        var othersGranted = 0.0;
        foreach (var holder in others)
        {
            demands.Add(Math.Min(holder.Demand, limit));
            othersGranted += holder.Granted;
        }

        var fair = FairShares.Of(demands, limit);
        var target = fair.For(demand);

        // Keeping a share above the fair one is for swings of demand, which leave the others short by about as much for a
        // moment; not while they are short by more than the tolerance in all.
        var othersShort = 0.0;
        foreach (var holder in others)
        {
            othersShort += Math.Max(0, fair.For(Math.Min(holder.Demand, limit)) - holder.Granted);
        }

        var keep = held > target && held - target <= limit * Tolerance && othersShort <= limit * Tolerance;
        var wanted = keep ? held : target;
        var granted = Math.Min(wanted, limit - othersGranted);

        // What is left of the limit after the others' shares can be a rounding error's worth: that is no share.
        granted = granted > limit * 1e-9 ? granted : 0;
        others.Add(new FleetShareHolder(processId, demand, granted, now));
        return new FleetShareDecision(new FleetShareState(others, pause), granted, target, others.Count, othersShort);
    }

    /// <summary>
    /// The fair shares among a set of demands: proportional while they fit within the limit, max-min fair (water-filling)
    /// when they do not: every demand below the level is met in full, the rest get the level.
    /// </summary>
    private readonly record struct FairShares(double Limit, double Total, double Level)
    {
        public static FairShares Of(List<double> demands, double limit)
        {
            var total = demands.Sum();
            if (total <= limit)
            {
                return new FairShares(limit, total, double.PositiveInfinity);
            }

            // Raise a level from the smallest demand up until what is left, shared equally, no longer covers the next.
            demands.Sort();
            var left = limit;
            for (var i = 0; i < demands.Count; i++)
            {
                var level = left / (demands.Count - i);
                if (demands[i] >= level)
                {
                    return new FairShares(limit, total, level);
                }

                left -= demands[i];
            }

            return new FairShares(limit, total, double.PositiveInfinity);
        }

        public double For(double demand) => Total <= Limit ? Limit * demand / Total : Math.Min(demand, Level);
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;
}
