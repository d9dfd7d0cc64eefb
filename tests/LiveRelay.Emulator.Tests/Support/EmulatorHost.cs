using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.Emulator.Hosting;
using LiveRelay.Emulator.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Tests.Support;

/// <summary>One emulator on 127.0.0.1 and a free port, started the way other hosts start it (EmulatorApp), stopped on dispose.</summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    public static readonly AlibabaCloudCredential DefaultCredential =
        new(EmulatorOptions.DefaultAccessKeyId, EmulatorOptions.DefaultAccessKeySecret);

    private static readonly TimeSpan StartStopLimit = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private EmulatorHost(WebApplication app)
    {
        _app = app;
        Endpoint = app.GetEndpoint();
        Control = NewHttpClient(TimeSpan.FromSeconds(30));
        Control.BaseAddress = Endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>For the control endpoints and raw calls.</summary>
    public HttpClient Control { get; }

    /// <param name="settings">Command-line settings, e.g. <c>--Emulator:Apps:0=app1</c>.</param>
    /// <param name="clock">Replaces the emulator's TimeProvider.</param>
    public static async Task<EmulatorHost> StartAsync(IEnumerable<string>? settings = null, TimeProvider? clock = null)
    {
        string[] args = ["--Logging:LogLevel:Default=Warning", .. settings ?? []];
        var app = EmulatorApp.Build(args, builder =>
        {
            if (clock is not null)
            {
                builder.Services.Replace(ServiceDescriptor.Singleton(clock));
            }
        });
        using var timeout = new CancellationTokenSource(StartStopLimit);
        try
        {
            await app.StartAsync(timeout.Token);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new EmulatorHost(app);
    }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Our client, pointed at this emulator.</summary>
    public LiveApiClient CreateClient(
        SignatureVersion version = SignatureVersion.V3,
        AlibabaCloudCredential? credential = null,
        TimeSpan? timeout = null,
        TimeProvider? clock = null)
    {
        var options = new AlibabaCloudOptions
        {
            Endpoint = Endpoint,
            SignatureVersion = version,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        };
        return new LiveApiClient(
            NewHttpClient(TimeSpan.FromSeconds(30)), new StaticCredentialProvider(credential ?? DefaultCredential), Options.Create(options), clock);
    }

    /// <summary>Sends a signed call as LiveApiClient would, after <paramref name="tamper"/> changed what it wanted.</summary>
    public async Task<HttpResponseMessage> SendAsync(SignedLiveApiRequest signed, Action<HttpRequestMessage>? tamper = null, byte[]? body = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, signed.RequestUri);
        foreach (var (name, value) in signed.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var content = body ?? signed.Body;
        if (signed.ContentType is not null || content.Length > 0)
        {
            message.Content = new ByteArrayContent(content);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(signed.ContentType ?? LiveApiRequestSigner.FormContentType);
        }

        tamper?.Invoke(message);
        return await Control.SendAsync(message);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Control.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: HTTP {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PutFaultsAsync(object faults)
    {
        using var response = await Control.PutAsJsonAsync(new Uri("/_emulator/faults", UriKind.Relative), faults);
        Assert.True(response.IsSuccessStatusCode, $"PUT /_emulator/faults: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        using var timeout = new CancellationTokenSource(StartStopLimit);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private HttpClient NewHttpClient(TimeSpan timeout)
    {
        // A fresh handler per client: each test's calls start on new connections, so no pooled connection is retried.
        var client = new HttpClient(new SocketsHttpHandler()) { Timeout = timeout };
        _clients.Add(client);
        return client;
    }
}
