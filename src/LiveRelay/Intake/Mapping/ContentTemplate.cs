using System.Globalization;
using Newtonsoft.Json;

namespace LiveRelay.Intake.Mapping;

/// <summary>
/// A rule's <c>Content</c>: a JSON document built from templates, sent as <c>Data</c> (group) or <c>Body</c> (user).
/// Configuration flattens nesting into ':'-joined keys (<c>order:id</c>); they become nested objects again, and
/// sections keyed 0..n-1 become arrays.
/// </summary>
internal sealed class ContentTemplate
{
    public const string Prefix = "Content";

    private readonly ContentNode _root;

    private ContentTemplate(ContentNode root)
    {
        _root = root;
    }

    public bool UsesElement => _root.UsesElement;

    public static ContentTemplate? TryCompile(IReadOnlyDictionary<string, string> entries, List<string> errors, string configPath)
    {
        var tree = new Dictionary<string, object>(StringComparer.Ordinal);
        var errorCount = errors.Count;
        foreach (var (key, text) in entries)
        {
            var path = key.Split(':');
            var node = tree;
            for (var i = 0; i < path.Length - 1; i++)
            {
                if (!node.TryGetValue(path[i], out var child))
                {
                    child = new Dictionary<string, object>(StringComparer.Ordinal);
                    node[path[i]] = child;
                }

                if (child is not Dictionary<string, object> section)
                {
                    errors.Add($"{configPath}:{key}: '{string.Join(':', path[..(i + 1)])}' is both a value and a section.");
                    node = null;
                    break;
                }

                node = section;
            }

            if (node is null)
            {
                continue;
            }

            if (node.ContainsKey(path[^1]))
            {
                errors.Add($"{configPath}:{key}: is both a value and a section.");
                continue;
            }

            node[path[^1]] = text;
        }

        if (errors.Count > errorCount)
        {
            return null;
        }

        var root = Build(tree, Prefix, errors, configPath);
        return errors.Count > errorCount || root is null ? null : new ContentTemplate(root);
    }

    /// <summary>Writes the document as compact JSON text.</summary>
    public bool TryRender(MappingScope scope, out string? json, out MappingFailure failure)
    {
        var buffer = scope.Json.Clear();
        using (var writer = new JsonTextWriter(new StringWriter(buffer, CultureInfo.InvariantCulture)) { Formatting = Formatting.None })
        {
            if (!_root.TryWrite(writer, scope, null, out failure))
            {
                json = null;
                return false;
            }
        }

        json = buffer.ToString();
        return true;
    }

    private static ContentNode? Build(object node, string field, List<string> errors, string configPath)
    {
        if (node is string text)
        {
            var template = CompiledTemplate.TryCompile(text, out var error);
            if (template is null)
            {
                errors.Add($"{configPath}{field[Prefix.Length..]}: {error}");
                return null;
            }

            return new ContentValue(field, template);
        }

        var members = (Dictionary<string, object>)node;
        if (IsArray(members))
        {
            var items = new List<ContentNode>(members.Count);
            for (var i = 0; i < members.Count; i++)
            {
                var key = i.ToString(CultureInfo.InvariantCulture);
                if (Build(members[key], field + ":" + key, errors, configPath) is { } item)
                {
                    items.Add(item);
                }
            }

            return new ContentArray(field, items);
        }

        var built = new List<KeyValuePair<string, ContentNode>>(members.Count);
        foreach (var (name, child) in members)
        {
            if (Build(child, field + ":" + name, errors, configPath) is { } member)
            {
                built.Add(new(name, member));
            }
        }

        return new ContentObject(field, built);
    }

    private static bool IsArray(Dictionary<string, object> members)
    {
        if (members.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < members.Count; i++)
        {
            if (!members.ContainsKey(i.ToString(CultureInfo.InvariantCulture)))
            {
                return false;
            }
        }

        return true;
    }
}
