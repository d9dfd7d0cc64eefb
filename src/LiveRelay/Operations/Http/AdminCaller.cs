namespace LiveRelay.Operations.Http;

/// <summary>Who sent an admin request: the <c>X-LiveRelay-Admin-Key</c> header, and whether it came over loopback.</summary>
public sealed record AdminCaller(string? Key, bool IsLoopback);
