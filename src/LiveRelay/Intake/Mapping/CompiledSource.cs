using LiveRelay.Intake.Formats;
using LiveRelay.Intake.Verification;

namespace LiveRelay.Intake.Mapping;

/// <summary>A source, compiled once from configuration.</summary>
internal sealed record CompiledSource(
    string Name,
    EventFormat Format,
    IWebhookVerifier Verifier,
    IReadOnlyList<string> SecretNames,
    EventIdStrategy EventId,
    IReadOnlyList<EventCondition> Filter,
    IReadOnlyList<CompiledRule> Rules,
    DeliveryMode Delivery);
