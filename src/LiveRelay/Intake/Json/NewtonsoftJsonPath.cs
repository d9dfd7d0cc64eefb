using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Json;

/// <summary>Any JSONPath Newtonsoft.Json understands (wildcards, filters, slices, recursive descent).</summary>
internal sealed class NewtonsoftJsonPath : JsonSelector
{
    private NewtonsoftJsonPath(string expression)
        : base(expression)
    {
    }

    public override bool CanMatchSeveral => true;

    public override bool TrySelect(JToken root, out JToken? value, out string? error)
    {
        value = null;
        try
        {
            value = root.SelectToken(Expression);
            error = null;
            return true;
        }
        catch (JsonException)
        {
            error = $"{Expression} matches several values (use ForEach to make one message per value)";
            return false;
        }
        catch (Exception ex) when (IsEvaluationFailure(ex))
        {
            error = $"{Expression} cannot be evaluated on this event";
            return false;
        }
    }

    public override IEnumerable<JToken> SelectAll(JToken root) =>
        TrySelectAll(root, out var values, out _) ? values : [];

    public override bool TrySelectAll(JToken root, out IReadOnlyList<JToken> values, out string? error)
    {
        error = null;
        try
        {
            values = [.. root.SelectTokens(Expression)];
            return true;
        }
        catch (Exception ex) when (IsEvaluationFailure(ex))
        {
            values = [];
            error = $"{Expression} cannot be evaluated on this event";
            return false;
        }
    }

    /// <summary>Checks the syntax now, so a mistyped path fails at start-up, not on the first event.</summary>
    public static NewtonsoftJsonPath? TryCompile(string path, out string? error)
    {
        try
        {
            _ = new JObject().SelectToken(path);
            error = null;
            return new NewtonsoftJsonPath(path);
        }
        catch (Exception ex) when (IsEvaluationFailure(ex))
        {
            // Newtonsoft's path parser reports some malformed paths with exceptions other than JsonException.
            error = $"'{path}' is not a valid JSONPath: {(ex is JsonException ? ex.Message : "it cannot be parsed")}";
            return null;
        }
    }

    // Newtonsoft's parser and filter evaluation throw a range of exceptions for malformed input; none of them is a
    // reason to fail the whole request with a 500.
    private static bool IsEvaluationFailure(Exception ex) =>
        ex is JsonException or ArgumentException or IndexOutOfRangeException or InvalidCastException or FormatException
            or OverflowException or NullReferenceException or InvalidOperationException or NotSupportedException;
}
