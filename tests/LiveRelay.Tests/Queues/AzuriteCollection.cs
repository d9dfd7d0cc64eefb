using LiveRelay.Testing;

namespace LiveRelay.Tests.Queues;

/// <summary>Tests in this collection share one Azurite queue service.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
