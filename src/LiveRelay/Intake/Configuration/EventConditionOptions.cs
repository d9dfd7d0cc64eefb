namespace LiveRelay.Intake.Configuration;

/// <summary>
/// One condition on an event: a header or a JSON value (JSONPath or JSON Pointer) equals one of <see cref="Values"/>
/// (compared as text, exactly), or, with no values, is present and not null.
/// </summary>
public sealed class EventConditionOptions
{
    public string? Header { get; set; }

    public string? Path { get; set; }

    public List<string> Values { get; } = [];
}
