using System.Collections.Frozen;
using LiveRelay.Intake.Configuration;
using Microsoft.Extensions.Options;

namespace LiveRelay.Intake.Mapping;

/// <summary>Every configured source, compiled once.</summary>
internal sealed class SourceCatalog
{
    private readonly FrozenDictionary<string, CompiledSource> _sources;

    public SourceCatalog(SourcesOptions options)
    {
        var errors = new List<string>();
        var compiled = new Dictionary<string, CompiledSource>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, source) in options.Sources)
        {
            if (source is null)
            {
                errors.Add($"{SourcesOptions.SectionName}:{name}: the source is empty.");
            }
            else if (SourceCompiler.TryCompile(name, source, errors) is { } result)
            {
                compiled[name] = result;
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SourcesOptions.SectionName, typeof(SourcesOptions), errors);
        }

        _sources = compiled.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<string> Names => _sources.Keys;

    public bool TryGet(string name, out CompiledSource source) => _sources.TryGetValue(name, out source!);
}
