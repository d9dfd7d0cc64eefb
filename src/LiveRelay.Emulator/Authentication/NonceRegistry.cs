namespace LiveRelay.Emulator.Authentication;

/// <summary>
/// Remembers each key's signature nonces for as long as a call carrying them could still pass the timestamp check, so a
/// replayed call is refused; older entries are forgotten as new ones arrive.
/// </summary>
internal sealed class NonceRegistry(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiry = new();

    /// <returns>False when the key already used this nonce.</returns>
    public bool TryRegister(string accessKeyId, string nonce, DateTimeOffset keepUntil)
    {
        var key = accessKeyId + "\n" + nonce;
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            while (_expiry.TryPeek(out var expired, out var until) && until < now)
            {
                _expiry.Dequeue();
                _seen.Remove(expired);
            }

            if (!_seen.Add(key))
            {
                return false;
            }

            _expiry.Enqueue(key, keepUntil);
            return true;
        }
    }
}
