using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Intake.Configuration;

/// <summary>
/// Binds <c>LiveRelay:Sources</c>. The binder fills everything except nested <c>Content</c> sections (a
/// string dictionary keeps only its direct values), so those are read here and flattened to ':'-joined keys.
/// </summary>
public static class SourcesConfiguration
{
    public static void Bind(IConfiguration configuration, SourcesOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var section = configuration.GetSection(SourcesOptions.SectionName);
        section.Bind(options.Sources);
        foreach (var (name, source) in options.Sources)
        {
            if (source is null)
            {
                continue;
            }

            for (var i = 0; i < source.Rules.Count; i++)
            {
                var rule = source.Rules[i];
                var content = section.GetSection($"{name}:Rules:{i.ToString(CultureInfo.InvariantCulture)}:Content");
                if (rule is null || !content.Exists())
                {
                    continue;
                }

                rule.Content.Clear();
                Flatten(content, string.Empty, rule.Content);
            }
        }
    }

    private static void Flatten(IConfigurationSection section, string prefix, Dictionary<string, string> into)
    {
        foreach (var child in section.GetChildren())
        {
            var key = prefix + child.Key;
            if (child.Value is { } value)
            {
                into[key] = value;
            }

            Flatten(child, key + ":", into);
        }
    }
}
