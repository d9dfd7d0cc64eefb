namespace LiveRelay.Operations.Status;

/// <summary>One queue's backlog.</summary>
/// <param name="Name">The queue, e.g. <c>live-messages</c> or <c>live-messages-poison</c>.</param>
/// <param name="Poison">True for a poison queue: messages parked for good, waiting for an operator.</param>
/// <param name="ApproximateCount">Messages in the queue, visible or not (approximate on Azure Storage); 0 when the queue does not exist yet; null when it could not be read.</param>
/// <param name="Error">Why it could not be read: the queue service's error code, never a key or an address.</param>
public sealed record QueueBacklog(string Name, bool Poison, int? ApproximateCount, string? Error = null);
