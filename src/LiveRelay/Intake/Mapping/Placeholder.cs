using LiveRelay.Intake.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Mapping;

/// <summary>
/// One <c>{...}</c> in a template: <c>{$.path}</c> (JSONPath), <c>{/path}</c> (JSON Pointer), <c>{@}</c>, <c>{@.path}</c> or
/// <c>{@/path}</c> (the fan-out element), <c>{eventId}</c>, <c>{source}</c>, <c>{index}</c> or <c>{header:Name}</c>.
/// A trailing <c>?</c> makes it optional: a missing value then leaves the parameter unset (or renders as empty text).
/// </summary>
internal sealed class Placeholder
{
    public const string Syntax =
        "use {$.path} (JSONPath), {/path} (JSON Pointer), {@}, {@.path} or {@/path} (the ForEach element), {eventId}, {source}, {index} or {header:Name}; write {{ and }} for literal braces";

    private Placeholder(string text, PlaceholderKind kind, JsonSelector? selector, string? header, bool optional)
    {
        Text = text;
        Kind = kind;
        Selector = selector;
        Header = header;
        Optional = optional;
    }

    /// <summary>The placeholder as configured, braces included.</summary>
    public string Text { get; }

    public PlaceholderKind Kind { get; }

    public JsonSelector? Selector { get; }

    public string? Header { get; }

    public bool Optional { get; }

    public static Placeholder? TryCompile(string inner, out string? error)
    {
        error = null;
        var text = "{" + inner + "}";
        var expression = inner.Trim();
        var optional = expression.EndsWith('?');
        if (optional)
        {
            expression = expression[..^1].TrimEnd();
        }

        if (expression.Length == 0)
        {
            error = $"'{text}' is empty: {Syntax}";
            return null;
        }

        switch (expression)
        {
            case "eventId":
                return new Placeholder(text, PlaceholderKind.EventId, null, null, optional);
            case "source":
                return new Placeholder(text, PlaceholderKind.Source, null, null, optional);
            case "index":
                return new Placeholder(text, PlaceholderKind.Index, null, null, optional);
        }

        if (expression.StartsWith("header:", StringComparison.Ordinal))
        {
            var name = expression["header:".Length..].Trim();
            if (name.Length == 0)
            {
                error = $"'{text}' names no header";
                return null;
            }

            return new Placeholder(text, PlaceholderKind.Header, null, name, optional);
        }

        JsonSelector? selector;
        var kind = PlaceholderKind.Event;
        if (expression[0] == '@')
        {
            kind = PlaceholderKind.Element;
            var rest = expression[1..];
            selector = rest.Length == 0 || rest[0] == '/'
                ? JsonPointer.TryCompile(rest, out error)
                : rest[0] is '.' or '['
                    ? JsonSelectors.TryCompile("$" + rest, out error)
                    : null;
            if (selector is null && error is null)
            {
                error = $"'{text}' is not a placeholder: {Syntax}";
            }
        }
        else if (expression[0] is '$' or '/')
        {
            selector = JsonSelectors.TryCompile(expression, out error);
        }
        else
        {
            error = $"'{text}' is not a placeholder: {Syntax}";
            return null;
        }

        if (selector is null)
        {
            error = $"'{text}': {error}";
            return null;
        }

        return new Placeholder(text, kind, selector, null, optional);
    }

    /// <summary>The value, or null when absent (JSON null counts as absent). Fails only when a JSONPath matches several values.</summary>
    public bool TryResolve(MappingScope scope, out JToken? value, out string? error)
    {
        error = null;
        switch (Kind)
        {
            case PlaceholderKind.EventId:
                value = scope.EventIdValue;
                return true;
            case PlaceholderKind.Source:
                value = scope.SourceValue;
                return true;
            case PlaceholderKind.Index:
                value = scope.IndexValue;
                return true;
            case PlaceholderKind.Header:
                value = scope.HeaderValue(Header!);
                return true;
            case PlaceholderKind.Element when scope.Element is null:
                value = null;
                return true;
        }

        var root = Kind == PlaceholderKind.Element ? scope.Element! : scope.Event;
        if (!Selector!.TrySelect(root, out value, out error))
        {
            return false;
        }

        if (JsonValueText.IsMissing(value))
        {
            value = null;
        }

        return true;
    }

    public string DescribeMissing() => Kind switch
    {
        PlaceholderKind.Element => $"{Text} is not in the ForEach element",
        PlaceholderKind.Header => $"{Text}: the {Header} header is missing",
        _ => $"{Text} is not in the event",
    };
}
