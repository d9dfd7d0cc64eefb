using Microsoft.Extensions.Configuration;

namespace LiveRelay.Queues.Processing;

/// <summary>host.json as configuration under <c>AzureFunctionsJobHost</c>, where the Functions host exposes it.</summary>
public sealed class HostJsonConfigurationSource : IConfigurationSource
{
    public const string RootKey = "AzureFunctionsJobHost";

    public required string Path { get; init; }

    public bool Optional { get; init; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HostJsonConfigurationProvider(this);
}
