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
        try
        {
            value = root.SelectToken(Expression);
            error = null;
            return true;
        }
        catch (JsonException)
        {
            // SelectToken's only runtime failure: the path matched more than one value.
            value = null;
            error = $"{Expression} matches several values (use ForEach to make one message per value)";
            return false;
        }
    }

    public override IEnumerable<JToken> SelectAll(JToken root) => root.SelectTokens(Expression);

    /// <summary>Checks the syntax now, so a mistyped path fails at start-up, not on the first event.</summary>
    public static NewtonsoftJsonPath? TryCompile(string path, out string? error)
    {
        try
        {
            _ = new JObject().SelectToken(path);
            error = null;
            return new NewtonsoftJsonPath(path);
        }
        catch (JsonException ex)
        {
            error = $"'{path}' is not a valid JSONPath: {ex.Message}";
            return null;
        }
    }
}
