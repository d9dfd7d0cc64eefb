namespace LiveRelay.Intake.Configuration;

/// <summary>
/// Where an event's id comes from. Message ids derive from it, so a redelivered event yields the same ids.
/// Unset: the scheme's or format's delivery id when there is one, otherwise a hash of the raw body.
/// </summary>
public sealed class EventIdOptions
{
    public const string FromDelivery = "delivery";
    public const string FromHeader = "header";
    public const string FromJson = "json";
    public const string FromBodyHash = "body-hash";

    /// <summary><c>delivery</c>, <c>header</c>, <c>json</c> or <c>body-hash</c>; implied by <see cref="Header"/> or <see cref="Path"/>.</summary>
    public string? From { get; set; }

    /// <summary>A request header that carries the id.</summary>
    public string? Header { get; set; }

    /// <summary>A JSONPath (<c>$.id</c>) or JSON Pointer (<c>/id</c>) to the id in the event.</summary>
    public string? Path { get; set; }
}
