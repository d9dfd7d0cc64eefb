namespace LiveRelay.Emulator.Messages;

/// <summary>Which recorded messages to list; unset criteria match everything.</summary>
public sealed record MessageFilter
{
    public string? Action { get; init; }

    public string? AppId { get; init; }

    public string? GroupId { get; init; }

    public string? ReceiverId { get; init; }

    public string? MsgTid { get; init; }

    public bool Matches(RecordedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (Action is null || string.Equals(message.Action, Action, StringComparison.Ordinal))
            && Is(message, "AppId", AppId)
            && Is(message, "GroupId", GroupId)
            && Is(message, "ReceiverId", ReceiverId)
            && Is(message, "MsgTid", MsgTid);
    }

    private static bool Is(RecordedMessage message, string parameter, string? expected) =>
        expected is null || string.Equals(message.Parameters.GetValueOrDefault(parameter), expected, StringComparison.Ordinal);
}
