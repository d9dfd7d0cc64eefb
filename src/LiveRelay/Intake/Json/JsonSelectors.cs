namespace LiveRelay.Intake.Json;

/// <summary>Compiles the path syntaxes a configuration may use: JSONPath (<c>$...</c>) and JSON Pointer (<c>/...</c>).</summary>
internal static class JsonSelectors
{
    /// <summary>Compiles an absolute path: '$' starts a JSONPath, '/' a JSON Pointer.</summary>
    public static JsonSelector? TryCompile(string expression, out string? error)
    {
        error = null;
        if (expression.StartsWith('$'))
        {
            return (JsonSelector?)SimpleJsonPath.TryCompile(expression) ?? NewtonsoftJsonPath.TryCompile(expression, out error);
        }

        if (expression.StartsWith('/'))
        {
            return JsonPointer.TryCompile(expression, out error);
        }

        error = $"'{expression}' must be a JSONPath (starting with '$') or a JSON Pointer (starting with '/')";
        return null;
    }
}
