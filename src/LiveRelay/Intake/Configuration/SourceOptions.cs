namespace LiveRelay.Intake.Configuration;

/// <summary>One sender of events: how its requests are verified, identified, filtered and mapped to message requests.</summary>
public sealed class SourceOptions
{
    /// <summary>The shape of the body: <c>json</c> (default), <c>cloudEvents</c> (CloudEvents 1.0 structured JSON, single or batch) or <c>eventGrid</c>.</summary>
    public string? Format { get; set; }

    public VerificationOptions Verification { get; set; } = new();

    public EventIdOptions EventId { get; set; } = new();

    /// <summary>Conditions that must all hold for an event to become messages; other events are acknowledged and ignored.</summary>
    public List<EventConditionOptions> Filter { get; } = [];

    /// <summary>Mapping rules; each produces message requests of one kind.</summary>
    public List<MappingRuleOptions> Rules { get; } = [];

    /// <summary><c>queued</c> (default) or <c>direct</c>.</summary>
    public string? Delivery { get; set; }
}
