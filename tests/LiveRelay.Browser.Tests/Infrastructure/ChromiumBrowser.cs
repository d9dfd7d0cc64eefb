using Microsoft.Playwright;

namespace LiveRelay.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's chromium, launched by Playwright headless with a fresh profile. Playwright's own browser download cannot
/// work here, so the tests never use it: CI installs the <c>chromium</c> package (see .ci/run and test.sh).
/// </summary>
public static class ChromiumBrowser
{
    /// <summary>Overrides <see cref="DefaultPath"/>, for a machine whose chromium is elsewhere.</summary>
    public const string PathVariable = "LIVERELAY_CHROMIUM";

    public const string DefaultPath = "/usr/bin/chromium";

    // Nothing the browser does on its own may reach past loopback: no updates, sync, or QUIC probes.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static string ExecutablePath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>A headless chromium with a profile of its own in <paramref name="userDataDirectory"/>.</summary>
    public static async Task<IBrowserContext> LaunchAsync(IPlaywright playwright, string userDataDirectory, bool javaScriptEnabled = true)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}. Install Debian's package (apt-get install -y chromium; ./test.sh does this) " +
                $"or set {PathVariable} to a chromium executable.");
        }

        return await playwright.Chromium.LaunchPersistentContextAsync(userDataDirectory, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
            ViewportSize = new ViewportSize { Width = 1300, Height = 1600 },
            JavaScriptEnabled = javaScriptEnabled,
        });
    }
}
