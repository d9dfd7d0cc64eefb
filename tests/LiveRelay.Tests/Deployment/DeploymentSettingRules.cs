namespace LiveRelay.Tests.Deployment;

/// <summary>
/// The explicit, reasoned exceptions the drift tests allow. Without a rule, every setting an options class reads
/// must be set by the Bicep (as an app setting) AND listed in local.settings.sample.json.
/// Each entry names one setting and says why the code default is safe, or why it must stay out of one place.
/// A rule that names no setting the code reads fails the tests, so the list cannot silently go stale.
/// </summary>
internal static class DeploymentSettingRules
{
    private const string TuningReason =
        "tuning with a safe code default; a deployment overrides it through additionalAppSettings (docs/deployment.md)";

    public static IReadOnlyList<SettingRule> Rules { get; } =
    [
        // Live API
        new("LiveRelay:AlibabaCloud:Timeout", Presence.Optional, Presence.Optional,
            "the code default (00:00:10 per call) suits Azure and local runs alike"),
        .. Each(Presence.Forbidden, Presence.Required,
            "local runs and the emulator only: in Azure the key pair lives in Key Vault, never in app settings",
            "LiveRelay:AlibabaCloud:AccessKeyId",
            "LiveRelay:AlibabaCloud:AccessKeySecret"),
        new("LiveRelay:AlibabaCloud:SecurityToken", Presence.Forbidden, Presence.Optional,
            "an STS token is only for a local run against the real API with temporary credentials; the emulator needs none"),

        // Key Vault
        new("LiveRelay:KeyVault:Uri", Presence.Required, Presence.Forbidden,
            "a local run takes the key pair from LiveRelay:AlibabaCloud; a vault URI in the sample would make it call Azure"),
        new("LiveRelay:KeyVault:ManagedIdentityClientId", Presence.Required, Presence.Forbidden,
            "a developer machine has no managed identity"),
        .. Each(Presence.Required, Presence.Optional,
            "read only when a vault is configured, which a local run does not do",
            "LiveRelay:KeyVault:AccessKeyIdSecretName",
            "LiveRelay:KeyVault:AccessKeySecretSecretName"),
        new("LiveRelay:KeyVault:SecurityTokenSecretName", Presence.Optional, Presence.Optional,
            "read only when the stored key pair names a token version; a deployment uses a RAM user's long-lived pair"),
        .. Each(Presence.Optional, Presence.Optional, TuningReason,
            "LiveRelay:KeyVault:RefreshInterval",
            "LiveRelay:KeyVault:MinimumRefreshInterval",
            "LiveRelay:KeyVault:ReadTimeout"),

        // Admin API (docs/operations.md). LiveRelay:Admin:Keys are named by the operator (a dictionary), so no rule: local runs and tests only.
        new("LiveRelay:Admin:KeySecretNames", Presence.Optional, Presence.Optional,
            "without it the admin API is off (403 saying how to turn it on) until an operator stores a key in the vault and names it"),

        // Delivery: the two account limits have no rule, so they are required everywhere.
        .. Each(Presence.Optional, Presence.Optional, TuningReason,
            "LiveRelay:Delivery:MaxAttempts",
            "LiveRelay:Delivery:MaxRetryDuration",
            "LiveRelay:Delivery:RetryBaseDelay",
            "LiveRelay:Delivery:RetryMaxDelay",
            "LiveRelay:Delivery:ThrottleDecreaseFactor",
            "LiveRelay:Delivery:RateRecoveryPerSecond",
            "LiveRelay:Delivery:MinimumRateFraction",
            "LiveRelay:Delivery:DirectConcurrency"),
        .. Each(Presence.Optional, Presence.Optional, TuningReason,
            "LiveRelay:Delivery:Fleet:LeaseDuration",
            "LiveRelay:Delivery:Fleet:RenewInterval",
            "LiveRelay:Delivery:Fleet:MaxPacingWait",
            "LiveRelay:Delivery:Fleet:IdleRelease"),
        new("LiveRelay:Delivery:Fleet:Coordinator", Presence.Optional, Presence.Optional,
            "Auto picks the table wherever AzureWebJobsStorage is set, which both Azure and a local run with Azurite do"),
        new("LiveRelay:Delivery:Fleet:TableName", Presence.Required, Presence.Optional,
            "the template creates the table under this name; a local run creates the default one on first use"),
        new("LiveRelay:Delivery:Fleet:FallbackSenderCount", Presence.Required, Presence.Optional,
            "in Azure it follows maximumInstanceCount; a local run is one process, and the default (40) only matters while Azurite is down"),

        // Intake
        .. Each(Presence.Optional, Presence.Optional, TuningReason,
            "LiveRelay:Intake:MaxBodyBytes",
            "LiveRelay:Intake:MaxMessagesPerEvent",
            "LiveRelay:Intake:MaxBytesPerEvent"),
        new("LiveRelay:Intake:ApiDelivery", Presence.Optional, Presence.Optional,
            "the default, queued delivery, is what the deployment's pacing and scale-out are designed around"),

        // Delivery ledger
        new("LiveRelay:Delivery:Ledger:Retention", Presence.Optional, Presence.Optional,
            "24 hours outlasts every queue retry, lease and signature tolerance; longer only for senders that replay later"),

        // Logging
        new("LiveRelay:Logging:SecretQueryParameters", Presence.Optional, Presence.Optional,
            "the function key's parameter, code, is always redacted; more are needed only for a sender that puts its own secret in the URL"),

        // Queues
        .. Each(Presence.Optional, Presence.Optional,
            "the standalone host's queue processor only; in Azure the Functions runtime runs the queue triggers (host.json)",
            "LiveRelay:Queues:ShutdownGracePeriod",
            "LiveRelay:Queues:MessageLease",
            "LiveRelay:Queues:RequestTimeout"),
    ];

    /// <summary>Sections whose keys the user chooses: neither required nor "extra" anywhere.</summary>
    public static IReadOnlyDictionary<string, string> UserDefinedSections { get; } = new Dictionary<string, string>(ConfigurationKeys.Comparer)
    {
        ["LiveRelay:Sources"] = "webhook sources are named and configured by the user (docs/configuration.md); their keys are not known in advance",
        ["LiveRelay:Secrets"] = "named secrets for local runs (LiveRelay:Secrets:<name>); in Azure they are Key Vault secrets",
    };

    private static IEnumerable<SettingRule> Each(Presence infra, Presence localSample, string reason, params string[] keys) =>
        keys.Select(key => new SettingRule(key, infra, localSample, reason));
}
