using Microsoft.Extensions.Primitives;

namespace LiveRelay.Intake.Input;

/// <summary>A request's headers, looked up without regard to case (HTTP header names are case-insensitive).</summary>
internal sealed class WebhookHeaders
{
    public static readonly WebhookHeaders Empty = new(new Dictionary<string, StringValues>(0, StringComparer.OrdinalIgnoreCase));

    private readonly Dictionary<string, StringValues> _values;

    private WebhookHeaders(Dictionary<string, StringValues> values)
    {
        _values = values;
    }

    public static WebhookHeaders From(IEnumerable<KeyValuePair<string, StringValues>>? headers)
    {
        if (headers is null)
        {
            return Empty;
        }

        var values = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (name is null)
            {
                continue;
            }

            values[name] = values.TryGetValue(name, out var existing) ? StringValues.Concat(existing, value) : value;
        }

        return new WebhookHeaders(values);
    }

    /// <summary>The header's value, several values joined with ',' (RFC 9110 field combination); null when absent or empty.</summary>
    public string? Get(string name)
    {
        if (!_values.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        var text = values.Count == 1 ? values[0] : string.Join(',', values.ToArray());
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Every value of the header, as sent.</summary>
    public StringValues GetValues(string name) => _values.TryGetValue(name, out var values) ? values : StringValues.Empty;
}
