using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveRelay.Tests.Deployment;

/// <summary>The Bicep files under infra/, with the few facts the drift tests compare pulled out of their text.</summary>
internal sealed partial class InfraTemplates
{
    public const string MainFile = "infra/main.bicep";

    private InfraTemplates(IReadOnlyList<BicepFile> files) => Files = files;

    public IReadOnlyList<BicepFile> Files { get; }

    public BicepFile Main => Files.Single(f => f.RelativePath == MainFile);

    public static InfraTemplates Load(string repositoryRoot) =>
        new(Directory.GetFiles(Path.Combine(repositoryRoot, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => BicepFile.Load(repositoryRoot, path))
            .ToList());

    public static InfraTemplates FromFiles(params BicepFile[] files) => new(files);

    /// <summary>Every app setting entry in every file.</summary>
    public IReadOnlyList<BicepAppSetting> AppSettings() =>
        Files.SelectMany(file => AppSettingEntry().Matches(file.Code).Select(match => new BicepAppSetting(
                match.Groups["name"].Value,
                match.Groups["value"].Value.Trim(),
                file.Where(match.Index))))
            .ToList();

    /// <summary>
    /// The app settings a deployment passes in through the additionalAppSettings parameter in infra/main.parameters.json
    /// (webhook sources, typically); none when the file does not set it.
    /// </summary>
    public static IReadOnlyList<BicepAppSetting> ParameterFileAppSettings(string repositoryRoot)
    {
        const string file = "infra/main.parameters.json";
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(repositoryRoot, file)));
        return document.RootElement.GetProperty("parameters").TryGetProperty("additionalAppSettings", out var parameter)
            && parameter.TryGetProperty("value", out var value)
            && value.ValueKind == JsonValueKind.Object
                ? value.EnumerateObject().Select(p => new BicepAppSetting(p.Name, p.Value.ToString(), $"{file} additionalAppSettings")).ToList()
                : [];
    }

    /// <summary>
    /// Places that mention a LiveRelay setting outside a recognised <c>{ name: '...', value: ... }</c> entry, e.g. an
    /// <c>appsettings</c> config resource written as an object. The drift test would not see those, so it refuses them.
    /// </summary>
    public IReadOnlyList<string> UnrecognisedLiveRelaySettingMentions()
    {
        var unrecognised = new List<string>();
        foreach (var file in Files)
        {
            var entries = AppSettingEntry().Matches(file.Code).Select(m => m.Groups["name"]).ToList();
            foreach (Match mention in LiveRelaySettingMention().Matches(file.Code))
            {
                if (!entries.Any(e => mention.Index < e.Index + e.Length && e.Index < mention.Index + mention.Length))
                {
                    unrecognised.Add($"{file.Where(mention.Index)}: {mention.Value}");
                }
            }
        }

        return unrecognised;
    }

    /// <summary>The literal names in <c>var queueNames = [ ... ]</c> in infra/main.bicep, or null when it is missing.</summary>
    public IReadOnlyList<string>? QueueNames()
    {
        var declaration = QueueNamesDeclaration().Match(Main.Code);
        return declaration.Success
            ? QuotedString().Matches(declaration.Groups["items"].Value).Select(m => m.Groups["text"].Value).ToList()
            : null;
    }

    /// <summary>Names of the parameters a file declares.</summary>
    public static IReadOnlyList<string> ParametersOf(BicepFile file) =>
        ParameterDeclaration().Matches(file.CodeWithoutStrings).Select(m => m.Groups["name"].Value).ToList();

    /// <summary>Parameters of a file that have a default value (<c>param name type = ...</c>).</summary>
    public static IReadOnlyList<string> ParametersWithDefaultOf(BicepFile file) =>
        ParameterDeclaration().Matches(file.CodeWithoutStrings)
            .Where(m => m.Groups["default"].Success)
            .Select(m => m.Groups["name"].Value)
            .ToList();

    /// <summary>Parameters of a file decorated with <c>@secure()</c>.</summary>
    public static IReadOnlyList<string> SecureParametersOf(BicepFile file) =>
        SecureParameter().Matches(file.CodeWithoutStrings).Select(m => m.Groups["name"].Value).ToList();

    /// <summary>Each output of a file: its name, its value expression (rest of the line) and where it is.</summary>
    public static IReadOnlyList<(string Name, string Expression, string Where)> OutputsOf(BicepFile file) =>
        OutputDeclaration().Matches(file.Code)
            .Select(m => (m.Groups["name"].Value, m.Groups["expression"].Value.Trim(), file.Where(m.Index)))
            .ToList();

    [GeneratedRegex(@"\bname:\s*'(?<name>[^'\r\n]+)'\s*(?:,\s*|\r?\n\s*)value:\s*(?<value>[^\r\n}]+)")]
    private static partial Regex AppSettingEntry();

    // A setting name as a whole string literal, or as an object key (the appsettings config resource form).
    // Prose in descriptions that merely mentions a setting is neither.
    [GeneratedRegex(@"'LiveRelay(?:__|:)[A-Za-z0-9_:]*'|^[ \t]*LiveRelay__[A-Za-z0-9_]+[ \t]*:", RegexOptions.Multiline)]
    private static partial Regex LiveRelaySettingMention();

    [GeneratedRegex(@"\bvar\s+queueNames\s*=\s*\[(?<items>[^\]]*)\]")]
    private static partial Regex QueueNamesDeclaration();

    [GeneratedRegex(@"'(?<text>[^'\r\n]*)'")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"^\s*param\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s+[^=\r\n]+?(?<default>=.*)?$", RegexOptions.Multiline)]
    private static partial Regex ParameterDeclaration();

    // Decorators sit on the lines above their parameter; the lazy gap stops at the first following declaration.
    [GeneratedRegex(@"@secure\(\)(?:(?!\bparam\b)[\s\S])*?\bparam\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex SecureParameter();

    [GeneratedRegex(@"^\s*output\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s+\S+\s*=\s*(?<expression>.+)$", RegexOptions.Multiline)]
    private static partial Regex OutputDeclaration();
}
