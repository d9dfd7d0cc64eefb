using System.Collections.Concurrent;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveRelay.Browser.Tests.Infrastructure;

/// <summary>
/// One chromium with a fresh profile and one page, recording what a test may want to check afterwards: every request
/// the page made, console messages and script errors. Disposing closes the browser and deletes the profile.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly DirectoryInfo _profile;
    private readonly ITestOutputHelper _output;
    private readonly ConcurrentQueue<IRequest> _requests = new();
    private readonly ConcurrentQueue<string> _console = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private PageSession(IBrowserContext context, IPage page, DirectoryInfo profile, ITestOutputHelper output)
    {
        _context = context;
        _profile = profile;
        _output = output;
        Page = page;
        page.SetDefaultTimeout(30_000);
        page.Request += (_, request) => _requests.Enqueue(request);
        page.Console += (_, message) => _console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => _errors.Enqueue(error);
    }

    public IPage Page { get; }

    public static async Task<PageSession> StartAsync(IPlaywright playwright, ITestOutputHelper output, bool javaScriptEnabled = true)
    {
        var profile = Directory.CreateTempSubdirectory("liverelay-chromium-");
        try
        {
            var context = await ChromiumBrowser.LaunchAsync(playwright, profile.FullName, javaScriptEnabled);
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            return new PageSession(context, page, profile, output);
        }
        catch
        {
            profile.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>A full-page screenshot in <see cref="BrowserEnvironment.ScreenshotDirectory"/>; its path goes to the test output.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(BrowserEnvironment.ScreenshotDirectory);
        var path = Path.Combine(BrowserEnvironment.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        _output.WriteLine($"Screenshot: {path}");
    }

    /// <summary>
    /// The Content-Security-Policy blocked nothing the page does, its script threw nothing, and the admin key went only in
    /// the header: never in a URL.
    /// </summary>
    public void AssertNothingBlockedAndKeyOnlyInHeaders(string adminKey)
    {
        Assert.Empty(_errors);
        Assert.DoesNotContain(_console, static m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_requests, r => r.Url.Contains(adminKey, StringComparison.Ordinal));
        Assert.DoesNotContain(adminKey, Page.Url, StringComparison.Ordinal);
        var status = _requests.Where(static r => r.Url.EndsWith("/status", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(status);
        Assert.Contains(status, r => r.Headers.TryGetValue("x-liverelay-admin-key", out var key) && key == adminKey);
        Assert.All(_requests, r => Assert.StartsWith(new Uri(Page.Url).GetLeftPart(UriPartial.Authority), r.Url, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var line in _console)
        {
            _output.WriteLine($"[browser] {line}");
        }

        await _context.CloseAsync();
        await _context.DisposeAsync();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // chromium may still be writing to its profile as it exits; a temporary directory left behind is harmless.
        }
    }
}
