using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.Emulator.Messages;

/// <summary>
/// One accepted call: the operation, its parameters by API name as they arrived, when, the answer's ids, and who
/// signed it how.
/// </summary>
/// <param name="MessageId">SendMessageToGroup: the <c>Result.MessageId</c> answered. SendLiveMessageUser: the <c>MsgTid</c> sent, if any.</param>
public sealed record RecordedMessage(
    string Action,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset ReceivedAt,
    string RequestId,
    string? MessageId,
    string AccessKeyId,
    SignatureVersion SignatureVersion);
