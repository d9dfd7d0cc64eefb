using System.Globalization;
using System.Text;
using LiveRelay.Intake.Input;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Mapping;

/// <summary>What templates read while one event is mapped: the event, its id and headers, and the current fan-out element.</summary>
internal sealed class MappingScope(string source, string eventId, JToken @event, WebhookHeaders headers)
{
    // The builders are the thread's, not the scope's: a scope is made per event, and two new builders (1.5 KB) per
    // webhook were a third of what mapping allocated. Mapping is synchronous and each use clears, fills and reads a
    // builder before the next, so one pair per thread serves every scope; one grown past this is let go.
    private const int MaxKeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_text;

    [ThreadStatic]
    private static StringBuilder? t_json;

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
    public StringBuilder Text => Reuse(ref t_text, 256);

    /// <summary>Reused for rendering <c>Content</c> documents (separate from <see cref="Text"/>, which their values use).</summary>
    public StringBuilder Json => Reuse(ref t_json, 512);

    public JValue EventIdValue => _eventIdValue ??= new JValue(EventId);

    public JValue SourceValue => _sourceValue ??= new JValue(Source);

    public JValue IndexValue => new(Index);

    public JValue? HeaderValue(string name) => Headers.Get(name) is { } value ? new JValue(value) : null;

    public string DescribeIndex() => Index.ToString(CultureInfo.InvariantCulture);

    private static StringBuilder Reuse(ref StringBuilder? builder, int capacity)
    {
        if (builder is null || builder.Capacity > MaxKeptCapacity)
        {
            builder = new StringBuilder(capacity);
        }

        return builder;
    }
}
