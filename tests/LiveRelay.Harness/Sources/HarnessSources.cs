using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveRelay.Harness.Hosting;

namespace LiveRelay.Harness.Sources;

/// <summary>
/// The webhook sources the load, fan-out and soak runs post to (Sources/harness-sources.json), their signing keys
/// (made afresh for every run, so no secret is stored anywhere), and the host settings that point the standalone host
/// at Azurite and the emulator.
/// </summary>
internal sealed class HarnessSources
{
    public const string Orders = "orders";
    public const string Campaign = "campaign";

    /// <summary>The app the emulator knows; messages for any other are refused for good.</summary>
    public const string KnownApp = "lr-app-1";

    /// <summary>An app the emulator does not know: the soak's share of messages that must end in the poison queue.</summary>
    public const string UnknownApp = "lr-app-9";

    private static readonly string SourcesFile = Path.Combine(AppContext.BaseDirectory, "Sources", "harness-sources.json");

    public HarnessSources()
    {
        OrdersSigner = new StandardWebhookSigner(RandomNumberGenerator.GetBytes(32));
        CampaignSigner = new StandardWebhookSigner(RandomNumberGenerator.GetBytes(32));
    }

    public StandardWebhookSigner OrdersSigner { get; }

    public StandardWebhookSigner CampaignSigner { get; }

    /// <summary>
    /// Everything the host needs: queues on <paramref name="storageConnection"/>, the Live API at
    /// <paramref name="emulator"/>, the sources and their secrets, quiet logging (warnings, plus the queue processors'
    /// start and stop lines), then <paramref name="overrides"/>.
    /// </summary>
    public Dictionary<string, string> HostSettings(string storageConnection, Uri emulator, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new ConfigurationBuilder().AddJsonFile(SourcesFile, optional: false).Build()
            .AsEnumerable()
            .Where(static pair => pair.Value is not null)
            .ToDictionary(static pair => pair.Key, static pair => pair.Value!, StringComparer.OrdinalIgnoreCase);
        settings["AzureWebJobsStorage"] = storageConnection;
        settings["LiveRelay:AlibabaCloud:Endpoint"] = emulator.ToString();
        settings["LiveRelay:AlibabaCloud:AccessKeyId"] = EmulatorServer.AccessKeyId;
        settings["LiveRelay:AlibabaCloud:AccessKeySecret"] = EmulatorServer.AccessKeySecret;
        settings["LiveRelay:Secrets:orders-webhook-secret"] = OrdersSigner.Secret;
        settings["LiveRelay:Secrets:campaign-webhook-secret"] = CampaignSigner.Secret;
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:LiveRelay.Queues.Processing.QueueProcessor"] = "Information";
        settings["Logging:Console:FormatterName"] = "simple";
        settings["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ";
        settings["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>An order event for the <see cref="Orders"/> source: one user message, or one group message.</summary>
    public static byte[] OrderEvent(long number, bool group, string app = KnownApp)
    {
        var order = string.Create(CultureInfo.InvariantCulture, $"A{number:D7}");
        var json = group
            ? JsonSerializer.Serialize(new { kind = "group", app, room = string.Create(CultureInfo.InvariantCulture, $"room{number % 20}"), order })
            : JsonSerializer.Serialize(new { kind = "user", app, user = string.Create(CultureInfo.InvariantCulture, $"u{number:D7}"), order });
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>A campaign for the <see cref="Campaign"/> source with <paramref name="recipients"/> recipients: one user message each.</summary>
    public static byte[] CampaignEvent(int recipients)
    {
        var list = Enumerable.Range(0, recipients)
            .Select(static i => new { id = string.Create(CultureInfo.InvariantCulture, $"c{i:D6}"), name = string.Create(CultureInfo.InvariantCulture, $"Reader{i}") });
        return JsonSerializer.SerializeToUtf8Bytes(new { campaign = "spring26", headline = "20% off until Sunday", recipients = list });
    }
}
