using LiveRelay.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace LiveRelay.Browser.Tests.Infrastructure;

/// <summary>
/// The integration tests' Azurite and Live API emulator (<see cref="IntegrationEnvironment"/>) and a Playwright driver,
/// shared by the browser tests; each test launches its own chromium with a fresh profile.
/// </summary>
public sealed class BrowserEnvironment : IAsyncLifetime
{
    private readonly IntegrationEnvironment _integration = new();
    private IPlaywright? _playwright;

    public IntegrationEnvironment Integration => _integration;

    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("Playwright has not started.");

    /// <summary>Where screenshots go: <c>screenshots/</c> in the test output directory.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        await _integration.InitializeAsync();
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        _playwright?.Dispose();
        await _integration.DisposeAsync();
    }
}
