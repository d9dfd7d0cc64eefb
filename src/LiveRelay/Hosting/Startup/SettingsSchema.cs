using System.Collections;
using System.Globalization;
using System.Reflection;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.Delivery;
using LiveRelay.Delivery.Ledger;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Intake.Configuration;
using LiveRelay.Logging;
using LiveRelay.Operations.Access;
using LiveRelay.Queues.Processing;
using LiveRelay.Secrets.Configuration;
using LiveRelay.Secrets.KeyVault;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Hosting.Startup;

/// <summary>
/// Every setting LiveRelay reads under <c>LiveRelay</c>, taken from the options classes the settings are bound to, so a
/// key the binder would silently ignore (<c>Fliter</c> for <c>Filter</c>) is refused at start-up with the closest valid
/// name. Dictionaries take any key (source names, secret names), lists take indexes, and a few sections are free-form
/// (<c>Content</c> templates, <c>Secrets</c>). Keys outside <c>LiveRelay</c> belong to others and are not looked at.
/// </summary>
public sealed class SettingsSchema
{
    public const string RootSection = "LiveRelay";

    /// <summary><c>LiveRelay:SourcesFile</c>: a JSON file with the sources (<see cref="SourcesFile"/>).</summary>
    public const string SourcesFileKey = "LiveRelay:SourcesFile";

    private const int MaxReported = 50;

    private readonly Node _root = Node.Object();

    private SettingsSchema()
    {
    }

    /// <summary>The settings of both hosts.</summary>
    public static SettingsSchema LiveRelay { get; } = CreateLiveRelay();

    /// <summary>Every key under <c>LiveRelay</c> in <paramref name="configuration"/> that no option reads, each with the closest valid name when there is one.</summary>
    public IReadOnlyList<StartupProblem> FindUnknown(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<StartupProblem>();
        Walk(configuration.GetSection(RootSection), _root, RootSection, problems);
        return problems;
    }

    private static SettingsSchema CreateLiveRelay()
    {
        var schema = new SettingsSchema();
        schema.Add(AlibabaCloudOptions.SectionName, Node.For(typeof(AlibabaCloudOptions)));
        schema.Add(KeyVaultOptions.SectionName, Node.For(typeof(KeyVaultOptions)));
        schema.Add(DeliveryOptions.SectionName, Node.For(typeof(DeliveryOptions)));
        schema.Add(FleetPacingOptions.SectionName, Node.For(typeof(FleetPacingOptions)));
        schema.Add(DeliveryLedgerOptions.SectionName, Node.For(typeof(DeliveryLedgerOptions)));
        schema.Add(IntakeOptions.SectionName, Node.For(typeof(IntakeOptions)));
        schema.Add(QueueProcessingOptions.SectionName, Node.For(typeof(QueueProcessingOptions)));
        schema.Add(LogSafetyOptions.SectionName, Node.For(typeof(LogSafetyOptions)));
        schema.Add(AdminOptions.SectionName, Node.For(typeof(AdminOptions)));
        schema.Add(SourcesOptions.SectionName, Node.For(typeof(Dictionary<string, SourceOptions>)));
        schema.Add($"{SourcesOptions.SectionName}:*:{nameof(SourceOptions.Rules)}:*:{nameof(MappingRuleOptions.Content)}", Node.Free());
        schema.Add(ConfigurationSecretProvider.ConfigurationSection, Node.Free());
        schema.Add(SourcesFileKey, Node.Leaf());

        // The standalone host's function keys (the Functions platform keeps its own): shared settings files carry them for both.
        schema.Add("LiveRelay:FunctionKeys:Keys", Node.Free());
        schema.Add("LiveRelay:FunctionKeys:AllowAnonymous", Node.Leaf());
        return schema;
    }

    private void Add(string path, Node node)
    {
        var segments = path.Split(':');
        if (!string.Equals(segments[0], RootSection, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{path}' is not under {RootSection}.", nameof(path));
        }

        var current = _root;
        for (var i = 1; i < segments.Length - 1; i++)
        {
            current = current.Step(segments[i]);
        }

        current.Set(segments[^1], node);
    }

    private static void Walk(IConfigurationSection section, Node node, string path, List<StartupProblem> problems)
    {
        if (node.Kind == NodeKind.Free)
        {
            return;
        }

        foreach (var child in section.GetChildren())
        {
            if (problems.Count >= MaxReported)
            {
                return;
            }

            var childPath = $"{path}:{child.Key}";
            switch (node.Kind)
            {
                case NodeKind.Leaf:
                    problems.Add(new StartupProblem(
                        childPath,
                        $"'{Last(path)}' is a single value, so it has no setting '{child.Key}'; this would be ignored.",
                        $"Give {path} a value of its own (not a section) and remove {childPath}."));
                    break;
                case NodeKind.Map:
                    Walk(child, node.Element!, childPath, problems);
                    break;
                case NodeKind.List when !int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _):
                    problems.Add(new StartupProblem(
                        childPath,
                        $"{path} is a list, so its entries are numbered (0, 1, ...); '{child.Key}' would be ignored.",
                        $"Write {path} as a JSON array, or number its entries ({path}:0:..., {path}:1:...)."));
                    break;
                case NodeKind.List:
                    Walk(child, node.Element!, childPath, problems);
                    break;
                default:
                    if (node.Children.TryGetValue(child.Key, out var known))
                    {
                        Walk(child, known, childPath, problems);
                    }
                    else
                    {
                        problems.Add(Unknown(child.Key, path, childPath, node.Children.Keys));
                    }

                    break;
            }
        }
    }

    private static StartupProblem Unknown(string key, string parent, string path, IEnumerable<string> valid)
    {
        var names = valid.Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (EditDistance.Closest(key, names) is { } closest)
        {
            return new StartupProblem(
                path,
                $"'{key}' is not a setting LiveRelay knows here, so it would be ignored. Did you mean '{closest}'?",
                $"Rename it to '{closest}' ({parent}:{closest}).");
        }

        return new StartupProblem(
            path,
            $"'{key}' is not a setting LiveRelay knows here, so it would be ignored.",
            $"Remove it, or use one of the settings of {parent}: {string.Join(", ", names)}.");
    }

    private static string Last(string path) => path[(path.LastIndexOf(':') + 1)..];

    private enum NodeKind
    {
        Object,
        Map,
        List,
        Leaf,
        Free,
    }

    private sealed class Node
    {
        private Node(NodeKind kind, Node? element = null)
        {
            Kind = kind;
            Element = element;
        }

        public NodeKind Kind { get; }

        /// <summary>The entries of a map or list.</summary>
        public Node? Element { get; }

        public Dictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

        public static Node Object() => new(NodeKind.Object);

        public static Node Leaf() => new(NodeKind.Leaf);

        public static Node Free() => new(NodeKind.Free);

        /// <summary>What the configuration binder would bind to <paramref name="type"/>.</summary>
        public static Node For(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (IsScalar(type))
            {
                return Leaf();
            }

            if (Implements(type, typeof(IDictionary<,>)) is { } dictionary)
            {
                return new Node(NodeKind.Map, For(dictionary.GetGenericArguments()[1]));
            }

            if (type.IsArray)
            {
                return new Node(NodeKind.List, For(type.GetElementType()!));
            }

            if (Implements(type, typeof(IEnumerable<>)) is { } enumerable)
            {
                return new Node(NodeKind.List, For(enumerable.GetGenericArguments()[0]));
            }

            var node = Object();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                // The binder sets public setters, and fills get-only collections and objects in place; a computed
                // get-only value (FunctionKeysOptions.HasKeys) is never bound.
                var bindable = property.SetMethod is { IsPublic: true }
                    || (property.GetMethod is { IsPublic: true } && !IsScalar(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType));
                if (bindable && property.GetIndexParameters().Length == 0)
                {
                    node.Children[property.Name] = For(property.PropertyType);
                }
            }

            return node;
        }

        public Node Step(string segment)
        {
            if (segment == "*")
            {
                return Element ?? throw new InvalidOperationException("'*' needs a map or a list.");
            }

            if (!Children.TryGetValue(segment, out var child))
            {
                child = Object();
                Children[segment] = child;
            }

            return child;
        }

        public void Set(string segment, Node node)
        {
            if (Kind != NodeKind.Object)
            {
                throw new InvalidOperationException($"'{segment}' can only be set on a section.");
            }

            if (Children.TryGetValue(segment, out var existing) && existing.Kind == NodeKind.Object && node.Kind == NodeKind.Object)
            {
                foreach (var (name, child) in node.Children)
                {
                    existing.Children[name] = child;
                }

                return;
            }

            Children[segment] = node;
        }

        private static bool IsScalar(Type type) =>
            type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Uri) || type == typeof(Guid)
            || type == typeof(object) || (type.IsValueType && !typeof(IEnumerable).IsAssignableFrom(type));

        private static Type? Implements(Type type, Type generic) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == generic
                ? type
                : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
    }
}
