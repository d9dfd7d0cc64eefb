using System.Collections.Concurrent;

namespace LiveRelay.Intake.Input;

/// <summary>
/// The <c>Idempotency-Key</c>s seen on <c>/api/messages</c>, each with the hash of the body it came with, for
/// <see cref="Retention"/>. The same key with the same body is a retry (same message ids, which delivery suppresses);
/// with a different body it is a mistake that would otherwise be dropped silently as a duplicate, so it is refused.
/// Kept in this process's memory, bounded by <see cref="MaxKeys"/>: another instance, or a restart, does not know the key.
/// </summary>
internal sealed class IdempotencyKeys(TimeProvider timeProvider)
{
    public const int MaxKeys = 100_000;

    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<string, (string BodyHash, DateTimeOffset Expires)> _seen = new(StringComparer.Ordinal);

    /// <summary>False when the key was used within the retention with another body; otherwise records it and returns true.</summary>
    public bool TryUse(string key, string bodyHash)
    {
        var now = timeProvider.GetUtcNow();
        if (_seen.Count >= MaxKeys)
        {
            Prune(now);
        }

        var entry = _seen.AddOrUpdate(
            key,
            static (_, state) => (state.BodyHash, state.Now + Retention),
            static (_, existing, state) => existing.Expires <= state.Now ? (state.BodyHash, state.Now + Retention) : existing,
            (BodyHash: bodyHash, Now: now));
        return string.Equals(entry.BodyHash, bodyHash, StringComparison.Ordinal);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _seen)
        {
            if (entry.Expires <= now)
            {
                _seen.TryRemove(key, out _);
            }
        }

        // Still full of live keys: forget the ones that expire soonest rather than grow without bound.
        if (_seen.Count >= MaxKeys)
        {
            foreach (var key in _seen.OrderBy(static e => e.Value.Expires).Take(MaxKeys / 10).Select(static e => e.Key).ToList())
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
