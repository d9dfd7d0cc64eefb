namespace LiveRelay.Tests.Deployment;

/// <summary>
/// The explicit, reasoned exceptions the drift tests allow. Without a rule, every setting an options class reads
/// must be set by the Bicep (as an app setting) AND listed in local.settings.sample.json.
/// Keep this list small: each entry says why the code default is safe, or why a setting must stay out of one place.
/// A rule that names no setting the code reads fails the tests, so the list cannot silently go stale.
/// </summary>
internal static class DeploymentSettingRules
{
    public static IReadOnlyList<SettingRule> Rules { get; } =
    [
        // Live API
        new("LiveRelay:AlibabaCloud:Timeout", Presence.Optional, Presence.Optional,
            "the code default (00:00:10 per call) suits Azure and local runs alike"),
        new("LiveRelay:AlibabaCloud:AccessKeyId", Presence.Forbidden, Presence.Required,
            "local runs and the emulator only: in Azure the key pair lives in Key Vault, never in app settings"),
        new("LiveRelay:AlibabaCloud:AccessKeySecret", Presence.Forbidden, Presence.Required,
            "local runs and the emulator only: in Azure the key pair lives in Key Vault, never in app settings"),
        new("LiveRelay:AlibabaCloud:SecurityToken", Presence.Forbidden, Presence.Optional,
            "an STS token is only for a local run against the real API with temporary credentials; the emulator needs none"),

        // Key Vault
        new("LiveRelay:KeyVault:Uri", Presence.Required, Presence.Forbidden,
            "a local run takes the key pair from LiveRelay:AlibabaCloud; a vault URI in the sample would make it call Azure"),
        new("LiveRelay:KeyVault:ManagedIdentityClientId", Presence.Required, Presence.Forbidden,
            "a developer machine has no managed identity"),
        new("LiveRelay:KeyVault:AccessKeyIdSecretName", Presence.Required, Presence.Optional,
            "read only when a vault is configured, which a local run does not do"),
        new("LiveRelay:KeyVault:AccessKeySecretSecretName", Presence.Required, Presence.Optional,
            "read only when a vault is configured, which a local run does not do"),
        new("LiveRelay:KeyVault:SecurityTokenSecretName", Presence.Optional, Presence.Optional,
            "STS tokens expire within hours, so a deployment uses a RAM user's key pair and no token secret by default"),
        new("LiveRelay:KeyVault:RefreshInterval", Presence.Optional, Presence.Optional,
            "the code default is safe, and a NoAuth answer forces a refresh after a rotation anyway"),
    ];

    /// <summary>Sections whose keys the user chooses (named webhook sources): neither required nor "extra" anywhere.</summary>
    public static IReadOnlyDictionary<string, string> UserDefinedSections { get; } = new Dictionary<string, string>(ConfigurationKeys.Comparer)
    {
        ["LiveRelay:Sources"] = "webhook sources are named and configured by the user (README.md); their keys are not known in advance",
    };

    /// <summary>
    /// Sections the Bicep and the sample already set, whose options class is being written on another branch.
    /// While no options class exists for such a section, its settings and rules are accepted unchecked. The wait
    /// ends by itself as soon as an options class with that SectionName, or one whose type name contains the
    /// section's last segment (e.g. KeyVaultOptions), appears; from then on every rule above applies in full.
    /// Entries whose wait has ended are reported in the test output and can be deleted.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SectionsAwaitingOptionsClass { get; } = new Dictionary<string, string>(ConfigurationKeys.Comparer)
    {
        ["LiveRelay:KeyVault"] = "the Key Vault credential provider's options (keyvault branch)",
        ["LiveRelay:Delivery"] = "the sender's pacing options (delivery branch)",
    };

    public static SettingRule? RuleFor(string key) =>
        Rules.FirstOrDefault(rule => ConfigurationKeys.Comparer.Equals(rule.Key, key));
}
