namespace LiveRelay.Intake.Configuration;

/// <summary>
/// One mapping rule: produces message requests of one kind from an event, one per event or one per element of
/// an array in the event (<see cref="ForEach"/>). Every value is a template: a constant, a placeholder that reads
/// the event (<c>{$.order.id}</c>, <c>{/order/id}</c>, <c>{@.id}</c> for the fan-out element), or text mixing both.
/// </summary>
public sealed class MappingRuleOptions
{
    /// <summary>Names the rule in errors; <c>rule&lt;index&gt;</c> when unset.</summary>
    public string? Name { get; set; }

    /// <summary><c>group</c> (SendMessageToGroup) or <c>user</c> (SendLiveMessageUser).</summary>
    public string? Kind { get; set; }

    /// <summary>An array (<c>$.recipients</c>, <c>/recipients</c>) or a JSONPath selecting several values (<c>$.rooms[*]</c>).</summary>
    public string? ForEach { get; set; }

    /// <summary>Conditions that must all hold for this rule to apply to an event.</summary>
    public List<EventConditionOptions> When { get; } = [];

    /// <summary>API parameters by name (<c>AppId</c>, <c>ReceiverId</c>, ...), each a template.</summary>
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A JSON object built from templates, sent as <c>Data</c> (group) or <c>Body</c> (user). Nested configuration
    /// sections become nested objects (keys joined with ':'), sections keyed 0..n-1 become arrays.
    /// </summary>
    public Dictionary<string, string> Content { get; } = new(StringComparer.Ordinal);
}
