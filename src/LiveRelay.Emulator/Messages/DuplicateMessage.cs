namespace LiveRelay.Emulator.Messages;

/// <summary>A <c>MsgTid</c> that more than one accepted call carried, and the RequestIds those calls were answered with.</summary>
public sealed record DuplicateMessage(string MsgTid, int Count, IReadOnlyList<string> RequestIds);
