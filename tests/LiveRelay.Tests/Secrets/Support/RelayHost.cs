using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Secrets.Support;

/// <summary>
/// A host wired as the app hosts wire it (AddLiveApiClient + AddLiveRelaySecrets), with the vault's real
/// SecretClient pointed at the local fake vault and the Live API endpoint at a local server.
/// </summary>
internal static class RelayHost
{
    public static IHost Build(
        FakeKeyVault vault,
        Uri liveApiEndpoint,
        TimeProvider timeProvider,
        ILoggerProvider logs,
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveRelay:KeyVault:Uri"] = vault.Uri.ToString(),
            ["LiveRelay:AlibabaCloud:Endpoint"] = liveApiEndpoint.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddSingleton(vault.CreateClient());
        configure?.Invoke(builder.Services);
        builder.Services.AddLiveApiClient(builder.Configuration);
        builder.Services.AddLiveRelaySecrets(builder.Configuration);
        return builder.Build();
    }

    /// <summary>
    /// One send as the dispatcher makes it (DESIGN.md): an authentication error forces a credential refresh and
    /// one more try; a second failure is the send's failure.
    /// </summary>
    public static async Task<SendMessageToGroupResult> SendWithRefreshAsync(
        ILiveApiClient client, IAlibabaCloudCredentialProvider credentials, SendMessageToGroupRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await client.SendMessageToGroupAsync(request, cancellationToken);
        }
        catch (LiveApiException ex) when (ex.Kind == LiveApiErrorKind.Authentication)
        {
            await credentials.RefreshAsync(cancellationToken);
        }

        return await client.SendMessageToGroupAsync(request, cancellationToken);
    }

    public static SendMessageToGroupRequest GroupMessage(int n) => new()
    {
        AppId = "app1",
        GroupId = "group1",
        OperatorUserId = "relay",
        Type = 10001,
        Data = $"{{\"n\":{n}}}",
    };
}
