namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>The standalone host's settings for a test: queues in a storage account, the emulator, the test sources, a function key, fast queues.</summary>
public static class RelaySettings
{
    public const string FunctionKeyName = "tests";

    /// <summary>Letters and digits only, so that no encoding of it differs from it.</summary>
    public const string FunctionKey = "FunctionKeyItest5Rb9Wc2";

    public const int MaxDequeueCount = 3;

    /// <param name="account">Azurite account for the queues; null keeps them in memory.</param>
    public static Dictionary<string, string?> For(StorageAccount? account, EmulatorServer emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["LiveRelay:AlibabaCloud:Endpoint"] = emulator.Endpoint.ToString(),
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = EmulatorServer.AccessKeyId,
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = EmulatorServer.AccessKeySecret,
            [$"LiveRelay:FunctionKeys:Keys:{FunctionKeyName}"] = FunctionKey,

            // Fast queues, so that retries and parking take seconds (host.json's values, overridden as app settings would).
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.5",
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "3",
            ["LiveRelay:Queues:ShutdownGracePeriod"] = "00:00:02",

            // Pacing far above what a test sends (the emulator's FastLimits); short sender retries.
            ["LiveRelay:Delivery:SendMessageToGroup"] = "5000",
            ["LiveRelay:Delivery:SendLiveMessageUser"] = "5000",
            ["LiveRelay:Delivery:MaxAttempts"] = "2",
            ["LiveRelay:Delivery:RetryBaseDelay"] = "00:00:00.05",
        };
        if (account is not null)
        {
            settings["AzureWebJobsStorage"] = account.ConnectionString;
        }

        foreach (var (key, value) in TestSources.Settings())
        {
            settings[key] = value;
        }

        return settings;
    }
}
