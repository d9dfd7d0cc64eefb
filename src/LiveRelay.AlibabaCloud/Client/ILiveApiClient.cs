using LiveRelay.AlibabaCloud.Messaging;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>
/// The two Live messaging operations. One call per invocation: no hidden retries, no pacing; those are the
/// caller's decisions, made from <see cref="LiveApiException.Kind"/>.
/// </summary>
public interface ILiveApiClient
{
    /// <exception cref="LiveRequestValidationException">The request breaks a documented limit; nothing was sent.</exception>
    /// <exception cref="LiveApiException">The API answered with an error, or the call did not complete.</exception>
    Task<SendMessageToGroupResult> SendMessageToGroupAsync(SendMessageToGroupRequest request, CancellationToken cancellationToken = default);

    /// <exception cref="LiveRequestValidationException">The request breaks a documented limit; nothing was sent.</exception>
    /// <exception cref="LiveApiException">The API answered with an error, or the call did not complete.</exception>
    Task<SendLiveMessageUserResult> SendLiveMessageUserAsync(SendLiveMessageUserRequest request, CancellationToken cancellationToken = default);
}
