namespace LiveRelay.Tests.Delivery.Support;

/// <summary>One request the test Live API received.</summary>
/// <param name="Index">0 for the first request the server received, 1 for the next, ...</param>
/// <param name="Action">The <c>x-acs-action</c> header.</param>
/// <param name="AccessKeyId">The key id in the ACS3 Authorization header.</param>
/// <param name="Arrived">When the request arrived, on the server's own monotonic clock.</param>
/// <param name="Parameters">Query and form parameters together.</param>
internal sealed record RecordedCall(
    int Index,
    string Action,
    string? AccessKeyId,
    TimeSpan Arrived,
    IReadOnlyDictionary<string, string> Parameters);
