using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Messages;

namespace LiveRelay.Intake.Mapping;

/// <summary>Parameter values collected for one request, then built into the request record. Reused across a fan-out.</summary>
internal sealed class RequestFields
{
    private const int Count = (int)LiveParameterId.Storage + 1;
    private readonly string?[] _text = new string?[Count];
    private readonly long?[] _numbers = new long?[Count];
    private readonly bool?[] _flags = new bool?[Count];

    public void Clear()
    {
        Array.Clear(_text);
        Array.Clear(_numbers);
        Array.Clear(_flags);
    }

    public void SetText(LiveParameterId id, string? value) => _text[(int)id] = value;

    public void SetNumber(LiveParameterId id, long? value) => _numbers[(int)id] = value;

    public void SetFlag(LiveParameterId id, bool? value) => _flags[(int)id] = value;

    public bool HasText(LiveParameterId id) => _text[(int)id] is not null;

    /// <summary>The UTF-8 bytes of every text value set: what a message carries, for the per-event byte limit.</summary>
    public long TextBytes()
    {
        long bytes = 0;
        foreach (var text in _text)
        {
            bytes += text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(text);
        }

        return bytes;
    }

    public LiveMessage Build(MessageKind kind) => kind == MessageKind.Group
        ? LiveMessage.ToGroup(new SendMessageToGroupRequest
        {
            AppId = Text(LiveParameterId.AppId),
            GroupId = Text(LiveParameterId.GroupId),
            OperatorUserId = Text(LiveParameterId.OperatorUserId),
            Type = (int?)_numbers[(int)LiveParameterId.Type],
            Data = Text(LiveParameterId.Data),
            SkipAudit = _flags[(int)LiveParameterId.SkipAudit],
        })
        : LiveMessage.ToUser(new SendLiveMessageUserRequest
        {
            AppId = Text(LiveParameterId.AppId),
            ReceiverId = Text(LiveParameterId.ReceiverId),
            SenderId = Text(LiveParameterId.SenderId),
            SenderInfo = _text[(int)LiveParameterId.SenderInfo],
            Body = _text[(int)LiveParameterId.Body],
            MsgType = _numbers[(int)LiveParameterId.MsgType],
            MsgTid = _text[(int)LiveParameterId.MsgTid],
            DataCenter = _text[(int)LiveParameterId.DataCenter],
            HighReliability = _flags[(int)LiveParameterId.HighReliability],
            Storage = _flags[(int)LiveParameterId.Storage],
        });

    private string Text(LiveParameterId id) => _text[(int)id] ?? string.Empty;
}
