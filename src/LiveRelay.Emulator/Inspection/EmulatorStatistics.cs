using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Faults;

namespace LiveRelay.Emulator.Inspection;

/// <summary>What the emulator has answered, counted.</summary>
public sealed class EmulatorStatistics
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _accepted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _throttled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _faults = new(StringComparer.Ordinal);
    private long _requests;

    public EmulatorStatistics() => Reset();

    public void CountRequest()
    {
        lock (_gate)
        {
            _requests++;
        }
    }

    public void CountAccepted(string action) => Increment(_accepted, action);

    public void CountRejected(string code) => Increment(_rejected, code);

    public void CountThrottled(string action) => Increment(_throttled, action);

    public void CountFault(FaultKind kind) => Increment(_faults, kind.ToString());

    public StatisticsSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new StatisticsSnapshot(
                _requests,
                new Dictionary<string, long>(_accepted, StringComparer.Ordinal),
                new Dictionary<string, long>(_rejected, StringComparer.Ordinal),
                new Dictionary<string, long>(_throttled, StringComparer.Ordinal),
                new Dictionary<string, long>(_faults, StringComparer.Ordinal));
        }
    }

    /// <summary>Zeroes every counter. The operations and fault kinds stay listed, at zero, so readers need not guess names.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests = 0;
            _rejected.Clear();
            foreach (var counters in new[] { _accepted, _throttled })
            {
                counters.Clear();
                counters[LiveApiActions.SendMessageToGroup] = 0;
                counters[LiveApiActions.SendLiveMessageUser] = 0;
            }

            _faults.Clear();
            foreach (var kind in Enum.GetValues<FaultKind>().Where(static k => k != FaultKind.None))
            {
                _faults[kind.ToString()] = 0;
            }
        }
    }

    private void Increment(Dictionary<string, long> counters, string key)
    {
        lock (_gate)
        {
            counters[key] = counters.GetValueOrDefault(key) + 1;
        }
    }
}
