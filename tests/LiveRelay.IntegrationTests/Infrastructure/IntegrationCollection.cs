namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// Every integration test shares one Azurite (a storage account per test) and one Live API emulator (reset per test).
/// The tests run one at a time: they measure rates and concurrency, and share the emulator.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<IntegrationEnvironment>
{
    public const string Name = "Integration";
}
