using LiveRelay.Testing;
using Xunit.Abstractions;

namespace LiveRelay.Tests.Deployment;

/// <summary>The queues the Bicep creates are exactly the queues the code uses, each with its poison queue.</summary>
public sealed class QueueNameDriftTests(ITestOutputHelper output)
{
    private static readonly InfraTemplates Infra = InfraTemplates.Load(RepoPaths.Root);

    [Fact]
    public void Bicep_creates_every_queue_the_code_uses_with_its_poison_queue_and_no_other()
    {
        var deployed = DeployedQueues();
        var fromCode = QueueNameSources.FromCode();
        var expected = fromCode?.Names ?? QueueNameSources.DesignQueues;
        var reference = fromCode is { } code ? $"the constants in {code.DeclaredBy}" : "DESIGN.md (no queue-name constants class in the code yet)";
        output.WriteLine($"Queue names compared with {reference}: {string.Join(", ", expected)}");

        var problems = new List<string>();
        var primaries = expected.Where(name => !name.EndsWith(QueueNameSources.PoisonSuffix, StringComparison.Ordinal)).ToList();
        foreach (var name in expected.Concat(primaries.Select(p => p + QueueNameSources.PoisonSuffix)).Distinct(StringComparer.Ordinal))
        {
            if (!deployed.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"{InfraTemplates.MainFile}: queueNames lacks '{name}', which {reference} uses. Add it.");
            }
        }

        foreach (var name in deployed)
        {
            var primary = name.EndsWith(QueueNameSources.PoisonSuffix, StringComparison.Ordinal) ? name[..^QueueNameSources.PoisonSuffix.Length] : name;
            if (!primaries.Contains(primary, StringComparer.Ordinal))
            {
                problems.Add($"{InfraTemplates.MainFile}: queueNames has '{name}', which {reference} does not use. Remove it or rename it.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Deployed_queue_names_are_valid_and_unique_Azure_queue_names()
    {
        var deployed = DeployedQueues();

        Assert.All(deployed, name => Assert.True(QueueNameSources.IsValidQueueName(name), $"{InfraTemplates.MainFile}: '{name}' is not a valid Azure queue name."));
        Assert.Equal(deployed.Count, deployed.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Main_template_hands_the_queue_names_to_the_storage_module_that_creates_them()
    {
        Assert.Matches(@"\bqueueNames:\s*queueNames\b", Infra.Main.Code);
        Assert.Contains(Infra.Files, file =>
            file.Code.Contains("'Microsoft.Storage/storageAccounts/queueServices/queues@", StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(file.Code, @"\bfor\s+\w+\s+in\s+queueNames\s*:"));
    }

    [Fact]
    public void Host_json_names_only_queues_the_deployment_creates()
    {
        var deployed = DeployedQueues();
        var mentioned = QueueNameSources.FromHostJson(RepoPaths.Root);
        output.WriteLine(mentioned.Count == 0 ? "host.json names no live-* queue (or does not exist yet)." : string.Join(", ", mentioned));

        Assert.All(mentioned, m => Assert.True(
            deployed.Contains(m.Value, StringComparer.Ordinal),
            $"host.json {m.Path} = '{m.Value}', but {InfraTemplates.MainFile} queueNames does not create that queue."));
    }

    private static IReadOnlyList<string> DeployedQueues() =>
        Infra.QueueNames() ?? throw new Xunit.Sdk.XunitException(
            $"{InfraTemplates.MainFile} must declare the queues as `var queueNames = [ 'live-events' ... ]` (the drift tests read it).");
}
