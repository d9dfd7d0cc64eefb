using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Tests.Deployment;

/// <summary>
/// Every setting the code reads, found by reflection: each type with a <c>public const string SectionName</c>
/// starting with "LiveRelay" is an options class, and the keys are its public settable properties, nested option
/// objects included, spelled the way the configuration binder reads them.
/// Dictionaries and lists of objects are user-defined (named webhook sources, for instance): their keys are not known
/// in advance, so they are recorded as user-defined prefixes rather than as settings.
/// </summary>
internal sealed class OptionsCatalog
{
    private readonly Dictionary<string, OptionsSetting> _settings = new(ConfigurationKeys.Comparer);
    private readonly Dictionary<string, List<string>> _sections = new(ConfigurationKeys.Comparer);
    private readonly Dictionary<string, string> _userDefined = new(ConfigurationKeys.Comparer);

    private OptionsCatalog()
    {
    }

    public IReadOnlyCollection<OptionsSetting> Settings => _settings.Values;

    /// <summary>Section name → the options types bound to it.</summary>
    public IReadOnlyDictionary<string, List<string>> Sections => _sections;

    /// <summary>Key prefix → what defines it (a dictionary property, or a section listed as user-defined).</summary>
    public IReadOnlyDictionary<string, string> UserDefinedPrefixes => _userDefined;

    /// <summary>Options classes in the LiveRelay and LiveRelay.AlibabaCloud assemblies.</summary>
    public static OptionsCatalog FromLiveRelayAssemblies(IReadOnlyDictionary<string, string> userDefinedSections) =>
        FromTypes(LiveRelayAssemblies.Load().SelectMany(LiveRelayAssemblies.TypesOf), userDefinedSections);

    public static OptionsCatalog FromTypes(IEnumerable<Type> types, IReadOnlyDictionary<string, string> userDefinedSections)
    {
        var catalog = new OptionsCatalog();
        foreach (var (section, reason) in userDefinedSections)
        {
            catalog._userDefined[section] = reason;
        }

        foreach (var type in types)
        {
            if (SectionNameOf(type) is not { } section)
            {
                continue;
            }

            if (!catalog._sections.TryGetValue(section, out var owners))
            {
                catalog._sections[section] = owners = [];
            }

            owners.Add(type.FullName ?? type.Name);
            if (!catalog.IsUserDefined(section))
            {
                catalog.Walk(type, section, type.FullName ?? type.Name, [type]);
            }
        }

        return catalog;
    }

    /// <summary>The <c>SectionName</c> constant of an options class, or null when the type is not one.</summary>
    public static string? SectionNameOf(Type type)
    {
        if (!type.IsClass || type.IsAbstract || type.IsGenericTypeDefinition)
        {
            return null;
        }

        var field = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
        return field is { IsLiteral: true } && field.FieldType == typeof(string)
            && field.GetRawConstantValue() is string section
            && section.StartsWith("LiveRelay", StringComparison.Ordinal)
            ? section
            : null;
    }

    /// <summary>The setting a key from a settings file binds to, if any (list elements bind to their list).</summary>
    public OptionsSetting? Find(string key)
    {
        if (_settings.TryGetValue(key, out var setting))
        {
            return setting;
        }

        var separator = key.LastIndexOf(':');
        return separator > 0
            && key[(separator + 1)..].All(char.IsAsciiDigit)
            && _settings.TryGetValue(key[..separator], out var list)
            && list.IsList
                ? list
                : null;
    }

    public bool IsUserDefined(string key) =>
        _userDefined.Keys.Any(prefix => key.Equals(prefix, StringComparison.OrdinalIgnoreCase) || ConfigurationKeys.IsUnder(key, prefix));

    private void Walk(Type type, string prefix, string readBy, HashSet<Type> path)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true })
            {
                continue;
            }

            var key = $"{prefix}:{property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name}";
            var propertyReadBy = $"{readBy}.{property.Name}";
            var settable = property.SetMethod is { IsPublic: true };
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;

            if (IsSimple(propertyType))
            {
                if (settable)
                {
                    _settings.TryAdd(key, new OptionsSetting(key, propertyReadBy, IsList: false));
                }
            }
            else if (IsDictionary(propertyType))
            {
                _userDefined.TryAdd(key, $"{propertyReadBy} is a dictionary: its keys are chosen by the user");
            }
            else if (ElementTypeOf(propertyType) is { } elementType)
            {
                if (IsSimple(Nullable.GetUnderlyingType(elementType) ?? elementType))
                {
                    _settings.TryAdd(key, new OptionsSetting(key, propertyReadBy, IsList: true));
                }
                else
                {
                    _userDefined.TryAdd(key, $"{propertyReadBy} is a list of objects: its entries are chosen by the user");
                }
            }
            else if (path.Add(propertyType))
            {
                // A nested options object: the binder fills it from the subsection named after the property.
                Walk(propertyType, key, propertyReadBy, path);
                path.Remove(propertyType);
            }
        }
    }

    /// <summary>Types the configuration binder converts from one string value.</summary>
    private static bool IsSimple(Type type) =>
        type == typeof(string)
        || type.IsPrimitive
        || type.IsEnum
        || type == typeof(decimal)
        || (type != typeof(object) && TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string)));

    private static bool IsDictionary(Type type) =>
        typeof(System.Collections.IDictionary).IsAssignableFrom(type)
        || ImplementsGeneric(type, typeof(IDictionary<,>))
        || ImplementsGeneric(type, typeof(IReadOnlyDictionary<,>));

    private static Type? ElementTypeOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static bool ImplementsGeneric(Type type, Type genericInterface) =>
        (type.IsGenericType && type.GetGenericTypeDefinition() == genericInterface)
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface);
}
