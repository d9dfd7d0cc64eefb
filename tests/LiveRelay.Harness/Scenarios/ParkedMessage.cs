using LiveRelay.Queues.Processing;

namespace LiveRelay.Harness.Scenarios;

/// <summary>A message found in a poison queue.</summary>
/// <param name="Poison">The wrapper with the reason; null when the message was parked as it was, without one.</param>
/// <param name="EnvelopeId">The envelope's id, when the parked content is a readable envelope.</param>
internal sealed record ParkedMessage(string QueueMessageId, string Content, PoisonMessage? Poison, string? EnvelopeId);
