namespace LiveRelay.Intake.Mapping;

/// <summary>Every parameter of the two Live API operations.</summary>
internal enum LiveParameterId
{
    AppId,
    GroupId,
    OperatorUserId,
    Type,
    Data,
    SkipAudit,
    ReceiverId,
    SenderId,
    SenderInfo,
    Body,
    MsgType,
    MsgTid,
    DataCenter,
    HighReliability,
    Storage,
}
