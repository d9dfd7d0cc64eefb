using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Json;

/// <summary>A compiled reference to one value inside a JSON document: a JSONPath or a JSON Pointer.</summary>
internal abstract class JsonSelector
{
    protected JsonSelector(string expression)
    {
        Expression = expression;
    }

    /// <summary>The expression as configured, for error messages.</summary>
    public string Expression { get; }

    /// <summary>True when the selector can match several values (JSONPath wildcards, filters, slices, recursion).</summary>
    public virtual bool CanMatchSeveral => false;

    /// <summary>The one value selected, or null when there is none. Fails when the expression matches several values.</summary>
    public abstract bool TrySelect(JToken root, out JToken? value, out string? error);

    /// <summary>Every value selected, in document order (none when the expression cannot be evaluated).</summary>
    public abstract IEnumerable<JToken> SelectAll(JToken root);

    /// <summary>Every value selected, or why the expression cannot be evaluated on this document.</summary>
    public virtual bool TrySelectAll(JToken root, out IReadOnlyList<JToken> values, out string? error)
    {
        error = null;
        values = [.. SelectAll(root)];
        return true;
    }

    public override string ToString() => Expression;
}
