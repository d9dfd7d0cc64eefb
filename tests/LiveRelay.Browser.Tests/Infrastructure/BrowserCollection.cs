namespace LiveRelay.Browser.Tests.Infrastructure;

/// <summary>The browser tests share Azurite, the emulator and the Playwright driver, and run one at a time (they share the emulator).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserEnvironment>
{
    public const string Name = "Browser";
}
