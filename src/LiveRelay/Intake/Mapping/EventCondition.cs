using System.Collections.Frozen;
using LiveRelay.Intake.Configuration;
using LiveRelay.Intake.Input;
using LiveRelay.Intake.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Mapping;

/// <summary>A compiled filter or <c>When</c> condition: a header or JSON value equals one of a set of values, or merely exists.</summary>
internal sealed class EventCondition
{
    private const int MaxQuotedLength = 64;
    private readonly string? _header;
    private readonly JsonSelector? _path;
    private readonly FrozenSet<string> _values;
    private readonly string _valueList;

    private EventCondition(string? header, JsonSelector? path, IReadOnlyCollection<string> values)
    {
        _header = header;
        _path = path;
        _values = values.ToFrozenSet(StringComparer.Ordinal);
        _valueList = string.Join(", ", values);
    }

    private string Subject => _header is not null ? $"header {_header}" : _path!.Expression;

    public static EventCondition? TryCompile(EventConditionOptions options, string configPath, List<string> errors)
    {
        var hasHeader = !string.IsNullOrWhiteSpace(options.Header);
        var hasPath = !string.IsNullOrWhiteSpace(options.Path);
        if (hasHeader == hasPath)
        {
            errors.Add($"{configPath}: set exactly one of Header or Path.");
            return null;
        }

        if (options.Values.Any(v => v is null))
        {
            errors.Add($"{configPath}:Values: must not contain empty entries.");
            return null;
        }

        if (hasHeader)
        {
            return new EventCondition(options.Header!.Trim(), null, options.Values);
        }

        var path = JsonSelectors.TryCompile(options.Path!.Trim(), out var error);
        if (path is null)
        {
            errors.Add($"{configPath}:Path: {error}.");
            return null;
        }

        return new EventCondition(null, path, options.Values);
    }

    /// <summary>True when the event meets the condition.</summary>
    public bool Matches(JToken @event, WebhookHeaders headers) => Matches(@event, headers, describe: false, out _);

    /// <summary>True when the event meets the condition; otherwise a reason naming the header or path (and the value, shortened).</summary>
    public bool Matches(JToken @event, WebhookHeaders headers, out string? reason) => Matches(@event, headers, describe: true, out reason);

    // The reason is text built for the answer; most conditions are checked where nobody reads it (a rule that does not
    // apply while another does), so it is only built when asked for.
    private bool Matches(JToken @event, WebhookHeaders headers, bool describe, out string? reason)
    {
        reason = null;
        if (_header is not null)
        {
            var value = headers.Get(_header);
            if (value is not null && (_values.Count == 0 || _values.Contains(value)))
            {
                return true;
            }

            if (describe)
            {
                reason = value is null ? $"{Subject} is missing" : $"{Subject} is {Quote(value)}, not one of: {_valueList}";
            }

            return false;
        }

        string? seen = null;
        var count = 0;
        if (!_path!.CanMatchSeveral)
        {
            // One value at most: no list to enumerate.
            _path.TrySelect(@event, out var token, out _);
            if (!JsonValueText.IsMissing(token))
            {
                seen = JsonValueText.ToText(token!);
                if (_values.Count == 0 || _values.Contains(seen))
                {
                    return true;
                }

                count = 1;
            }
        }
        else
        {
            foreach (var token in _path.SelectAll(@event))
            {
                if (JsonValueText.IsMissing(token))
                {
                    continue;
                }

                var text = JsonValueText.ToText(token);
                if (_values.Count == 0 || _values.Contains(text))
                {
                    return true;
                }

                seen ??= text;
                count++;
            }
        }

        if (describe)
        {
            reason = seen is null
                ? $"{Subject} is missing"
                : count == 1 ? $"{Subject} is {Quote(seen)}, not one of: {_valueList}" : $"{Subject} has no value among: {_valueList}";
        }

        return false;
    }

    private static string Quote(string value) =>
        "'" + (value.Length <= MaxQuotedLength ? value : value[..MaxQuotedLength] + "...") + "'";
}
