using System.CommandLine;
using System.Text.Json;
using LiveRelay.Hosting.Startup;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Cli.Configuration;

/// <summary>
/// The options that say which configuration a command reads, and the reading: JSON settings files in order (later files
/// win; a Functions <c>local.settings.json</c> is read through its flat <c>Values</c>, <c>__</c> meaning <c>:</c>),
/// then the environment (as the hosts read it: <c>LiveRelay__...</c>), then <c>--sources</c> or <c>LiveRelay:SourcesFile</c>.
/// A relative sources file is taken from the directory of the first settings file (where a host's content root would be),
/// else the current directory.
/// </summary>
internal sealed class ConfigurationOptions
{
    private readonly Option<string[]> _config = new("--config", "-c")
    {
        Description = "A settings file (appsettings.json, local.settings.json, ...). Repeat for several; later files win.",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _sources = new("--sources", "-s")
    {
        Description = "A sources file ({ \"LiveRelay\": { \"Sources\": { ... } } }), as LiveRelay:SourcesFile would name it.",
    };

    private readonly Option<bool> _noEnvironment = new("--no-environment")
    {
        Description = "Do not read LiveRelay__... environment variables (the hosts do).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_config);
        command.Options.Add(_sources);
        command.Options.Add(_noEnvironment);
    }

    /// <summary>The files named with <c>--config</c>, in order.</summary>
    public IReadOnlyList<string> Files(ParseResult parsed) => parsed.GetValue(_config) ?? [];

    /// <exception cref="CliUsageException">A settings file does not exist or is not JSON.</exception>
    /// <exception cref="StartupConfigurationException">The sources file is missing or wrong, as the hosts would report it.</exception>
    public IConfigurationRoot Load(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var files = Files(parsed);
        var manager = new ConfigurationManager();
        foreach (var file in files)
        {
            Add(manager, file);
        }

        if (!parsed.GetValue(_noEnvironment))
        {
            manager.AddEnvironmentVariables();
        }

        var contentRoot = files.Count > 0 ? Path.GetDirectoryName(Path.GetFullPath(files[0]))! : Directory.GetCurrentDirectory();
        if (parsed.GetValue(_sources) is { Length: > 0 } sources)
        {
            manager.AddInMemoryCollection([new(SettingsSchema.SourcesFileKey, Path.GetFullPath(sources))]);
        }

        manager.AddLiveRelaySourcesFile(contentRoot);
        return manager;
    }

    private static void Add(ConfigurationManager manager, string file)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The settings file {path} does not exist.");
        }

        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"The settings file {path} is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            // local.settings.json: flat app settings under "Values", as the Functions host hands them to the worker.
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("IsEncrypted", out _))
            {
                manager.AddInMemoryCollection(values.EnumerateObject()
                    .Select(static p => new KeyValuePair<string, string?>(p.Name.Replace("__", ":", StringComparison.Ordinal), p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
                    .ToList());
                return;
            }
        }

        manager.AddJsonFile(path, optional: false, reloadOnChange: false);
    }
}
