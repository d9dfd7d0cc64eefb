using LiveRelay.Intake.Input;
using LiveRelay.Intake.Json;
using LiveRelay.Messages;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Mapping;

/// <summary>A mapping rule, compiled at start-up: which events it applies to, what it fans out over, and how each parameter is made.</summary>
internal sealed class CompiledRule(
    string name,
    MessageKind kind,
    JsonSelector? forEach,
    IReadOnlyList<EventCondition> when,
    IReadOnlyList<KeyValuePair<LiveParameter, CompiledTemplate>> parameters,
    ContentTemplate? content)
{
    public string Name { get; } = name;

    public MessageKind Kind { get; } = kind;

    public JsonSelector? ForEach { get; } = forEach;

    public bool SetsMsgTid { get; } = parameters.Any(p => p.Key.Id == LiveParameterId.MsgTid);

    /// <summary>True when every <c>When</c> condition holds.</summary>
    public bool Applies(JToken @event, WebhookHeaders headers)
    {
        foreach (var condition in when)
        {
            if (!condition.Matches(@event, headers))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every <c>When</c> condition holds; otherwise the first one's reason.</summary>
    public bool Applies(JToken @event, WebhookHeaders headers, out string? reason)
    {
        foreach (var condition in when)
        {
            if (!condition.Matches(@event, headers, out reason))
            {
                return false;
            }
        }

        reason = null;
        return true;
    }

    /// <summary>
    /// The fan-out elements: the items of the array ForEach names, or every value a multi-value JSONPath selects.
    /// Without ForEach, a single null element (one request per event).
    /// </summary>
    public bool TrySelectElements(JToken @event, out IReadOnlyList<JToken?> elements, out string? error)
    {
        error = null;
        if (ForEach is null)
        {
            elements = [null];
            return true;
        }

        if (ForEach.CanMatchSeveral)
        {
            var selected = ForEach.TrySelectAll(@event, out var values, out error);
            elements = values;
            error = selected ? null : "ForEach: " + error;
            return selected;
        }

        elements = [];
        if (!ForEach.TrySelect(@event, out var token, out error))
        {
            return false;
        }

        if (JsonValueText.IsMissing(token))
        {
            error = $"ForEach: {ForEach.Expression} is not in the event";
            return false;
        }

        if (token is not JArray array)
        {
            error = $"ForEach: {ForEach.Expression} must be an array, but it is {JsonValueText.Describe(token!)}";
            return false;
        }

        elements = array.Count == 0 ? [] : [.. array];
        return true;
    }

    /// <summary>Evaluates every parameter for the scope's current element into <paramref name="fields"/>.</summary>
    public bool TryFill(RequestFields fields, MappingScope scope, out MappingFailure failure)
    {
        fields.Clear();
        foreach (var (parameter, template) in parameters)
        {
            if (!template.TryEvaluate(scope, out var value, out var error))
            {
                failure = new MappingFailure(parameter.Name, error!);
                return false;
            }

            if (!value.IsMissing && !ParameterConverter.TrySet(fields, parameter, value, out error))
            {
                failure = new MappingFailure(parameter.Name, error!);
                return false;
            }
        }

        if (content is not null)
        {
            if (!content.TryRender(scope, out var json, out failure))
            {
                return false;
            }

            fields.SetText(LiveParameters.ContentTarget(Kind).Id, json);
        }

        failure = default;
        return true;
    }
}
