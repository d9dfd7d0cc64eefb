using System.Text.RegularExpressions;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Deployment;

/// <summary>Security properties of the templates that a careless edit could weaken without anything else failing.</summary>
public sealed class InfraSecurityTests
{
    private static readonly InfraTemplates Infra = InfraTemplates.Load(RepoPaths.Root);

    /// <summary>The built-in roles the deployment may assign, and to whom (see the comment in role-assignments.bicep).</summary>
    private static readonly Dictionary<string, string> LeastPrivilegeRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner (app: host storage, deployment package)",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor (app: LiveRelay queues)",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor (app: the fleet pacing table)",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User (app: read the key pair)",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher (app: Entra-authenticated telemetry)",
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = "Key Vault Secrets Officer (deployer: put in and rotate the key pair)",
    };

    [Theory]
    [InlineData("allowSharedKeyAccess", "false")]
    [InlineData("allowBlobPublicAccess", "false")]
    [InlineData("supportsHttpsTrafficOnly", "true")]
    [InlineData("minimumTlsVersion", "'TLS1_2'")]
    [InlineData("enableRbacAuthorization", "true")]
    [InlineData("httpsOnly", "true")]
    [InlineData("minTlsVersion", "'1.2'")]
    [InlineData("scmMinTlsVersion", "'1.2'")]
    [InlineData("ftpsState", "'Disabled'")]
    [InlineData("DisableLocalAuth", "true")]
    public void Hardening_property_is_set_and_never_to_anything_weaker(string property, string value)
    {
        var occurrences = Infra.Files
            .SelectMany(file => Regex.Matches(file.Code, $@"\b{property}:\s*(?<value>[^\r\n]+)")
                .Select(m => (Where: file.Where(m.Index), Value: m.Groups["value"].Value.Trim())))
            .ToList();

        Assert.True(occurrences.Count > 0, $"No template sets {property}: {value}.");
        Assert.All(occurrences, o => Assert.True(o.Value == value, $"{o.Where}: {property}: {o.Value}, expected {value}."));
    }

    [Fact]
    public void No_output_or_app_setting_carries_a_secure_parameter_or_a_listed_key()
    {
        var problems = new List<string>();
        foreach (var file in Infra.Files)
        {
            var secure = InfraTemplates.SecureParametersOf(file);
            foreach (var (name, expression, where) in InfraTemplates.OutputsOf(file))
            {
                if (secure.FirstOrDefault(p => Regex.IsMatch(expression, $@"\b{p}\b")) is { } leaked)
                {
                    problems.Add($"{where}: output {name} exposes the secure parameter {leaked}.");
                }

                if (Regex.IsMatch(expression, @"\blist\w*\(|\.list\w*\("))
                {
                    problems.Add($"{where}: output {name} calls a list*() function, which returns keys or secrets.");
                }
            }

            foreach (var setting in Infra.AppSettings().Where(s => s.Where.StartsWith(file.RelativePath + ":", StringComparison.Ordinal)))
            {
                if (secure.FirstOrDefault(p => Regex.IsMatch(setting.Value, $@"\b{p}\b")) is { } leaked)
                {
                    problems.Add($"{setting.Where}: app setting {setting.Name} carries the secure parameter {leaked}; secrets belong in Key Vault.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Templates_never_take_or_write_the_key_pair()
    {
        // The app needs the secret's accessKeyIdVersion tag naming the ID's version, which only
        // infra/scripts/set-alibaba-access-key.sh can write; a template-written value would be unreadable, and
        // rewriting it on every `azd provision` would undo rotations.
        var problems = Infra.Files
            .SelectMany(file => Regex.Matches(file.Code, @"'Microsoft\.KeyVault/vaults/secrets@").Select(m => $"{file.Where(m.Index)}: declares a Key Vault secret.")
                .Concat(InfraTemplates.ParametersOf(file)
                    .Where(p => Regex.IsMatch(p, "(?i)access_?key_?(id|secret)$|securityToken$"))
                    .Select(p => $"{file.RelativePath}: parameter {p} takes the key pair.")))
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Role_assignments_use_only_the_least_privilege_roles()
    {
        var roleIds = Infra.Files
            .SelectMany(file => Regex.Matches(file.Code, @"'(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'")
                .Select(m => (Id: m.Groups["id"].Value, Where: file.Where(m.Index))))
            .ToList();

        Assert.All(roleIds, r => Assert.True(
            LeastPrivilegeRoles.ContainsKey(r.Id),
            $"{r.Where}: role definition {r.Id} is not one of the least-privilege roles; if it is needed, add it to {nameof(LeastPrivilegeRoles)} with its reason."));
        Assert.Equal(LeastPrivilegeRoles.Keys.Order(StringComparer.OrdinalIgnoreCase), roleIds.Select(r => r.Id).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
    }
}
