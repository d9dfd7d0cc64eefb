using System.Text;
using LiveRelay.Intake.Json;

namespace LiveRelay.Intake.Mapping;

/// <summary>
/// A configured value, parsed once at start-up: a constant, one placeholder (the JSON value it reads, with its type),
/// or text mixing literals and placeholders (<c>"Order {$.order.id} shipped"</c>).
/// </summary>
internal sealed class CompiledTemplate
{
    private readonly object[] _parts;

    private CompiledTemplate(string text, object[] parts)
    {
        Text = text;
        _parts = parts;
        Constant = parts.Length == 0 ? string.Empty : parts is [string only] ? only : null;
        Single = parts is [Placeholder one] ? one : null;
        UsesElement = parts.OfType<Placeholder>().Any(p => p.Kind == PlaceholderKind.Element);
    }

    public string Text { get; }

    /// <summary>The value when the template has no placeholder.</summary>
    public string? Constant { get; }

    /// <summary>The placeholder when the template is exactly one placeholder; its value keeps its JSON type.</summary>
    public Placeholder? Single { get; }

    public bool UsesElement { get; }

    public static CompiledTemplate? TryCompile(string text, out string? error)
    {
        error = null;
        var parts = new List<object>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
            }
            else if (c == '}')
            {
                error = $"'}}' at position {i} has no matching '{{' (write '}}}}' for a literal brace)";
                return null;
            }
            else if (c == '{')
            {
                var end = FindClose(text, i + 1);
                if (end < 0)
                {
                    error = $"'{{' at position {i} is not closed; {Placeholder.Syntax}";
                    return null;
                }

                var placeholder = Placeholder.TryCompile(text[(i + 1)..end], out error);
                if (placeholder is null)
                {
                    return null;
                }

                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    literal.Clear();
                }

                parts.Add(placeholder);
                i = end + 1;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(literal.ToString());
        }

        return new CompiledTemplate(text, [.. parts]);
    }

    /// <summary>Evaluates the template; fails when a required value is missing or a path matches several values.</summary>
    public bool TryEvaluate(MappingScope scope, out TemplateValue value, out string? error)
    {
        error = null;
        if (Constant is not null)
        {
            value = new TemplateValue(Constant, null);
            return true;
        }

        if (Single is not null)
        {
            value = TemplateValue.Missing;
            if (!Single.TryResolve(scope, out var token, out error))
            {
                return false;
            }

            if (token is null)
            {
                if (Single.Optional)
                {
                    return true;
                }

                error = Single.DescribeMissing();
                return false;
            }

            value = new TemplateValue(null, token);
            return true;
        }

        var text = scope.Text.Clear();
        foreach (var part in _parts)
        {
            if (part is string s)
            {
                text.Append(s);
                continue;
            }

            var placeholder = (Placeholder)part;
            if (!placeholder.TryResolve(scope, out var token, out error))
            {
                value = default;
                return false;
            }

            if (token is not null)
            {
                text.Append(JsonValueText.ToText(token));
            }
            else if (!placeholder.Optional)
            {
                value = default;
                error = placeholder.DescribeMissing();
                return false;
            }
        }

        value = new TemplateValue(text.ToString(), null);
        return true;
    }

    // The closing brace of a placeholder; braces inside quoted JSONPath strings ($['a}b']) do not count.
    private static int FindClose(string text, int start)
    {
        char quote = '\0';
        for (var j = start; j < text.Length; j++)
        {
            var ch = text[j];
            if (quote != '\0')
            {
                if (ch == quote)
                {
                    quote = '\0';
                }
            }
            else if (ch is '\'' or '"')
            {
                quote = ch;
            }
            else if (ch == '}')
            {
                return j;
            }
        }

        return -1;
    }
}
