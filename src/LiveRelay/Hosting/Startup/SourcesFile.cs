using System.Text.Json;
using LiveRelay.Intake.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace LiveRelay.Hosting.Startup;

/// <summary>
/// <c>LiveRelay:SourcesFile</c>: the sources in a JSON file of their own, in exactly the shape of the documented
/// examples (<c>{"LiveRelay":{"Sources":{...}}}</c>), so an example is used as written. A relative path is taken from the
/// app's content root (where the app is deployed). The file is read before environment variables and the command line,
/// so they can still override single values; a missing or unreadable file, or one holding anything but
/// <c>LiveRelay:Sources</c>, stops the start naming the file.
/// </summary>
public static class SourcesFile
{
    /// <summary>Adds the file named by <c>LiveRelay:SourcesFile</c> (if set) to <paramref name="configuration"/>.</summary>
    /// <exception cref="StartupConfigurationException">The file does not exist, is not JSON, or holds other settings.</exception>
    public static void AddLiveRelaySourcesFile(this IConfigurationManager configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(contentRoot);
        if (configuration[SettingsSchema.SourcesFileKey] is not { Length: > 0 } setting || string.IsNullOrWhiteSpace(setting))
        {
            return;
        }

        var path = Path.GetFullPath(setting.Trim(), contentRoot);
        Check(path, setting, contentRoot);
        var source = new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();

        // Before the environment and the command line, which may still override single values.
        var sources = configuration.Sources;
        var at = sources.ToList().FindIndex(static s => s is EnvironmentVariablesConfigurationSource);
        if (at < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(at, source);
        }
    }

    /// <summary>Checks that <paramref name="path"/> is a readable sources file, as <see cref="AddLiveRelaySourcesFile"/> requires.</summary>
    /// <exception cref="StartupConfigurationException">What is wrong with it.</exception>
    public static void Check(string path, string setting, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw Problem($"The sources file '{setting}' does not exist (looked for {path}; a relative path is taken from the app's content root, {contentRoot}).",
                "Create the file, deploy it with the app (a sources.json next to the project file is copied to the output), or correct the path.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryGet(root, "LiveRelay", out var liveRelay) || liveRelay.ValueKind != JsonValueKind.Object || !TryGet(liveRelay, "Sources", out _))
            {
                throw Problem($"The sources file {path} does not hold LiveRelay:Sources.",
                    "Write it in the shape of the documented examples: { \"LiveRelay\": { \"Sources\": { \"<name>\": { ... } } } }.");
            }

            var others = root.EnumerateObject().Select(static p => p.Name).Where(static n => !n.Equals("LiveRelay", StringComparison.OrdinalIgnoreCase))
                .Concat(liveRelay.EnumerateObject().Select(static p => p.Name).Where(static n => !n.Equals("Sources", StringComparison.OrdinalIgnoreCase)).Select(static n => $"LiveRelay:{n}"))
                .ToList();
            if (others.Count > 0)
            {
                throw Problem($"The sources file {path} holds other settings too ({string.Join(", ", others)}); it is for LiveRelay:Sources only.",
                    "Move the other settings to the app's settings (appsettings.json, app settings, environment variables), so that secrets and host settings do not travel with the sources.");
            }
        }
        catch (JsonException ex)
        {
            throw Problem($"The sources file {path} is not valid JSON: {ex.Message}", "Correct the JSON (comments and trailing commas are allowed).");
        }
        catch (IOException ex)
        {
            throw Problem($"The sources file {path} cannot be read: {ex.Message}", "Check the path and the file's permissions.");
        }
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static StartupConfigurationException Problem(string problem, string fix) =>
        new([new StartupProblem(SettingsSchema.SourcesFileKey, problem, fix)]);
}
