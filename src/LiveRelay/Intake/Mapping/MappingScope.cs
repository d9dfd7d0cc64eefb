using System.Globalization;
using System.Text;
using LiveRelay.Intake.Input;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Mapping;

/// <summary>What templates read while one event is mapped: the event, its id and headers, and the current fan-out element.</summary>
internal sealed class MappingScope(string source, string eventId, JToken @event, WebhookHeaders headers)
{
    private JValue? _eventIdValue;
    private JValue? _sourceValue;

    public string Source { get; } = source;

    public string EventId { get; } = eventId;

    public JToken Event { get; } = @event;

    public WebhookHeaders Headers { get; } = headers;

    /// <summary>The current fan-out element; null for rules without ForEach.</summary>
    public JToken? Element { get; set; }

    /// <summary>The current element's index within its rule's fan-out (0 without ForEach).</summary>
    public int Index { get; set; }

    /// <summary>Reused for rendering text templates, so a large fan-out does not allocate a builder per value.</summary>
    public StringBuilder Text { get; } = new(256);

    /// <summary>Reused for rendering <c>Content</c> documents (separate from <see cref="Text"/>, which their values use).</summary>
    public StringBuilder Json { get; } = new(512);

    public JValue EventIdValue => _eventIdValue ??= new JValue(EventId);

    public JValue SourceValue => _sourceValue ??= new JValue(Source);

    public JValue IndexValue => new(Index);

    public JValue? HeaderValue(string name) => Headers.Get(name) is { } value ? new JValue(value) : null;

    public string DescribeIndex() => Index.ToString(CultureInfo.InvariantCulture);
}
