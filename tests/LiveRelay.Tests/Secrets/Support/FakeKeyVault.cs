using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Secrets.Support;

/// <summary>
/// A local HTTPS server on 127.0.0.1 that speaks the Key Vault secrets REST API as the real SecretClient uses it:
/// GET /secrets/{name}[/{version}], PUT /secrets/{name}, api-version required, and the bearer challenge
/// (401 with <c>WWW-Authenticate: Bearer authorization=..., resource=...</c>) for any request without the expected token.
/// Tests can make it unreachable (connections are dropped) and hold reads to line up concurrent callers.
/// </summary>
internal sealed class FakeKeyVault : IAsyncDisposable
{
    public const string TenantId = "00000000-1111-2222-3333-444444444444";
    public const string AccessToken = "fake-vault-bearer-token-5b0d7c1e";
    public const string Resource = "https://vault.azure.net";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StoredVersion>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _disabled = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _reads = new();
    private readonly WebApplication _app;
    private TaskCompletionSource? _hold;
    private int _challenges;
    private int _dropped;

    private FakeKeyVault(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    public Uri Uri { get; }

    /// <summary>When set, every connection is dropped without an answer, as when the vault cannot be reached.</summary>
    public bool Unreachable { get; set; }

    public int Challenges => Volatile.Read(ref _challenges);

    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Every authorized GET, as "name" or "name/version".</summary>
    public IReadOnlyList<string> Reads => [.. _reads];

    public int ReadsOf(string name) => _reads.Count(r => r.Split('/')[0].Equals(name, StringComparison.OrdinalIgnoreCase));

    public static async Task<FakeKeyVault> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(TestCertificate.Server)));
        var app = builder.Build();
        FakeKeyVault? vault = null;
        app.Run(context => vault!.HandleAsync(context));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var port = new Uri(address).Port;
        vault = new FakeKeyVault(app, new Uri($"https://127.0.0.1:{port}/"));
        return vault;
    }

    /// <summary>The real SecretClient, pointed at this vault, trusting only the generated certificate.</summary>
    public SecretClient CreateClient(FixedTokenCredential? credential = null)
    {
        var options = new SecretClientOptions
        {
            Transport = new HttpClientTransport(TestCertificate.CreateTrustingHandler()),
            // The challenge names vault.azure.net; the vault here is 127.0.0.1.
            DisableChallengeResourceVerification = true,
        };
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return new SecretClient(Uri, credential ?? new FixedTokenCredential(AccessToken), options);
    }

    /// <summary>Stores a new version directly (arranging a test); returns the version id.</summary>
    public string Put(string name, string value, IReadOnlyDictionary<string, string>? tags = null)
    {
        var version = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            if (!_secrets.TryGetValue(name, out var versions))
            {
                _secrets[name] = versions = [];
            }

            versions.Add(new StoredVersion(version, value, new Dictionary<string, string>(tags ?? new Dictionary<string, string>()), DateTimeOffset.UtcNow));
        }

        return version;
    }

    /// <summary>Disables a version (the latest by default): reads of it get Key Vault's 403 SecretDisabled.</summary>
    public void Disable(string name, string? version = null)
    {
        lock (_gate)
        {
            _disabled.Add($"{name}/{version ?? _secrets[name][^1].Version}");
        }
    }

    /// <summary>Deletes the secret with all its versions: reads get 404 SecretNotFound.</summary>
    public void Delete(string name)
    {
        lock (_gate)
        {
            _secrets.Remove(name);
        }
    }

    /// <summary>Until the returned object is disposed, authorized reads wait before answering.</summary>
    public IDisposable HoldReads()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _hold = hold;
        }

        return new Release(this, hold);
    }

    /// <summary>Waits until <paramref name="count"/> reads have arrived (held or answered).</summary>
    public async Task WaitForReadsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_reads.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _hold?.TrySetResult();
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stopping.Token);
        }

        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Unreachable)
        {
            Interlocked.Increment(ref _dropped);
            context.Abort();
            return;
        }

        var request = context.Request;
        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            await ErrorAsync(context, 400, "BadParameter", "The api-version query parameter is required.");
            return;
        }

        if (request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
        {
            Interlocked.Increment(ref _challenges);
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate =
                $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"{Resource}\"";
            await ErrorAsync(context, 401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
            return;
        }

        var segments = request.Path.Value!.Trim('/').Split('/');
        if (segments.Length is < 2 or > 3 || segments[0] != "secrets")
        {
            await ErrorAsync(context, 404, "NotFound", "No such resource.");
            return;
        }

        var name = segments[1];
        var version = segments.Length == 3 ? segments[2] : null;
        if (HttpMethods.IsGet(request.Method))
        {
            await GetAsync(context, name, version);
        }
        else if (HttpMethods.IsPut(request.Method) && version is null)
        {
            await SetAsync(context, name);
        }
        else
        {
            await ErrorAsync(context, 405, "MethodNotAllowed", "Not supported here.");
        }
    }

    private async Task GetAsync(HttpContext context, string name, string? version)
    {
        _reads.Enqueue(version is null ? name : $"{name}/{version}");
        Task? hold;
        lock (_gate)
        {
            hold = _hold?.Task;
        }

        if (hold is not null)
        {
            await hold.WaitAsync(context.RequestAborted);
        }

        StoredVersion? found;
        bool disabled;
        lock (_gate)
        {
            found = _secrets.TryGetValue(name, out var versions)
                ? version is null ? versions[^1] : versions.Find(v => v.Version == version)
                : null;
            disabled = found is not null && _disabled.Contains($"{name}/{found.Version}");
        }

        if (disabled)
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync("""{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled secret.","innererror":{"code":"SecretDisabled"}}}""");
            return;
        }

        if (found is null)
        {
            await ErrorAsync(context, 404, "SecretNotFound",
                $"A secret with (name/id) {name}{(version is null ? string.Empty : "/" + version)} was not found in this key vault.");
            return;
        }

        await BundleAsync(context, name, found);
    }

    private async Task SetAsync(HttpContext context, string name)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        var value = body?["value"]?.GetValue<string>();
        if (value is null)
        {
            await ErrorAsync(context, 400, "BadParameter", "value is required.");
            return;
        }

        var tags = body!["tags"] is JsonObject tagObject
            ? tagObject.ToDictionary(static t => t.Key, static t => t.Value!.GetValue<string>())
            : null;
        var version = Put(name, value, tags);
        StoredVersion stored;
        lock (_gate)
        {
            stored = _secrets[name].Find(v => v.Version == version)!;
        }

        await BundleAsync(context, name, stored);
    }

    private async Task BundleAsync(HttpContext context, string name, StoredVersion stored)
    {
        var created = stored.Created.ToUnixTimeSeconds();
        var tags = new JsonObject();
        foreach (var (key, tagValue) in stored.Tags)
        {
            tags[key] = tagValue;
        }

        var bundle = new JsonObject
        {
            ["value"] = stored.Value,
            ["id"] = $"{Uri}secrets/{name}/{stored.Version}",
            ["attributes"] = new JsonObject
            {
                ["enabled"] = true,
                ["created"] = created,
                ["updated"] = created,
                ["recoveryLevel"] = "Recoverable+Purgeable",
                ["recoverableDays"] = 90,
            },
            ["tags"] = tags,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(bundle.ToJsonString());
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }));
    }

    private sealed record StoredVersion(string Version, string Value, Dictionary<string, string> Tags, DateTimeOffset Created);

    private sealed class Release(FakeKeyVault owner, TaskCompletionSource hold) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                if (owner._hold == hold)
                {
                    owner._hold = null;
                }
            }

            hold.TrySetResult();
        }
    }
}
