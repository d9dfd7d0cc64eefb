using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Settings;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Throttling;

/// <summary>
/// The account's per-operation limits. The emulator models one account: every configured key pair and STS token
/// belongs to it and shares its limits, as keys of one Alibaba Cloud account do.
/// </summary>
internal sealed class AccountRateLimiter(IOptions<EmulatorOptions> options, TimeProvider timeProvider)
{
    private readonly TokenBucket _group = new(options.Value.RateLimits.SendMessageToGroup, timeProvider);
    private readonly TokenBucket _user = new(options.Value.RateLimits.SendLiveMessageUser, timeProvider);

    public bool TryAcquire(string action, out TimeSpan retryAfter) =>
        (action == LiveApiActions.SendMessageToGroup ? _group : _user).TryTake(out retryAfter);
}
