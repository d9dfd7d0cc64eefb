using System.Globalization;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Json;

/// <summary>An RFC 6901 JSON Pointer (<c>/order/items/0/id</c>; <c>~0</c> is '~', <c>~1</c> is '/').</summary>
internal sealed class JsonPointer : JsonSelector
{
    private readonly string[] _tokens;

    private JsonPointer(string expression, string[] tokens)
        : base(expression)
    {
        _tokens = tokens;
    }

    public override bool TrySelect(JToken root, out JToken? value, out string? error)
    {
        error = null;
        value = Resolve(root);
        return true;
    }

    public override IEnumerable<JToken> SelectAll(JToken root)
    {
        var value = Resolve(root);
        return value is null ? [] : [value];
    }

    public JToken? Resolve(JToken root)
    {
        var current = root;
        foreach (var token in _tokens)
        {
            current = current switch
            {
                JObject obj => obj.TryGetValue(token, out var child) ? child : null,
                JArray array => TryIndex(token, out var index) && index < array.Count ? array[index] : null,
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Compiles a pointer: empty (the whole document) or '/'-separated reference tokens.</summary>
    public static JsonPointer? TryCompile(string pointer, out string? error)
    {
        error = null;
        if (pointer.Length == 0)
        {
            return new JsonPointer(pointer, []);
        }

        if (pointer[0] != '/')
        {
            error = $"'{pointer}' is not a JSON Pointer (it must start with '/')";
            return null;
        }

        var parts = pointer[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            for (var c = part.IndexOf('~', StringComparison.Ordinal); c >= 0; c = part.IndexOf('~', c + 1))
            {
                if (c + 1 >= part.Length || (part[c + 1] != '0' && part[c + 1] != '1'))
                {
                    error = $"'{pointer}' is not a valid JSON Pointer ('~' must be followed by 0 or 1)";
                    return null;
                }
            }

            parts[i] = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        }

        return new JsonPointer(pointer, parts);
    }

    // RFC 6901: an array index is "0" or digits without a leading zero; "-" names the (absent) element after the last.
    private static bool TryIndex(string token, out int index)
    {
        index = -1;
        return token.Length > 0
            && (token.Length == 1 || token[0] != '0')
            && !token.AsSpan().ContainsAnyExceptInRange('0', '9')
            && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
