namespace LiveRelay.Tests.Deployment;

/// <summary>
/// Compares the settings the code reads with the app settings the Bicep deploys and the Values of
/// local.settings.sample.json, under <see cref="DeploymentSettingRules"/>. Each problem is one sentence that names the
/// setting, the file, and the edit that fixes it.
/// </summary>
internal sealed class SettingsDriftCheck
{
    public const string RulesFile = "tests/LiveRelay.Tests/Deployment/DeploymentSettingRules.cs";
    public const string DefaultAppSettingsFile = "infra/modules/function-app.bicep";

    private readonly OptionsCatalog _catalog;
    private readonly IReadOnlyList<BicepAppSetting> _infra;
    private readonly LocalSettingsSample _sample;
    private readonly IReadOnlyList<SettingRule> _rules;

    public SettingsDriftCheck(
        OptionsCatalog catalog,
        IReadOnlyList<BicepAppSetting> infraSettings,
        LocalSettingsSample sample,
        IReadOnlyList<SettingRule> rules)
    {
        _catalog = catalog;
        _infra = infraSettings.Where(s => ConfigurationKeys.IsLiveRelay(s.Key)).ToList();
        _sample = sample;
        _rules = rules;
    }

    public IEnumerable<string> InfraProblems()
    {
        var appSettingsFile = _infra.FirstOrDefault(s => s.Where.Contains(".bicep:", StringComparison.Ordinal)) is { } first
            ? first.Where[..first.Where.LastIndexOf(':')]
            : DefaultAppSettingsFile;

        foreach (var setting in _infra.Where(s => s.Name.Contains(':', StringComparison.Ordinal)))
        {
            yield return $"{setting.Where}: app setting '{setting.Name}' uses ':', which Azure app settings on Linux do not allow; " +
                $"name it '{ConfigurationKeys.ToAppSettingName(setting.Name)}'.";
        }

        foreach (var duplicate in _infra.GroupBy(s => s.Key, ConfigurationKeys.Comparer).Where(g => g.Count() > 1))
        {
            yield return $"{duplicate.Last().Where}: app setting '{duplicate.Last().Name}' is set more than once " +
                $"(also at {string.Join(", ", duplicate.SkipLast(1).Select(s => s.Where))}); keep one.";
        }

        foreach (var setting in _catalog.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var rule = RuleFor(setting.Key);
            var deployed = _infra.Where(s => Binds(s.Key, setting)).ToList();
            switch (rule?.Infra ?? Presence.Required)
            {
                case Presence.Required when deployed.Count == 0:
                    yield return $"'{setting.Key}' (read by {setting.ReadBy}) is not set by the deployment. " +
                        $"Add {{ name: '{ConfigurationKeys.ToAppSettingName(setting.Key)}', value: ... }} to the appSettings in {appSettingsFile}, " +
                        $"or add a SettingRule with Infra = Presence.Optional to {RulesFile} saying why the code default is safe in Azure.";
                    break;
                case Presence.Forbidden:
                    foreach (var entry in deployed)
                    {
                        yield return $"{entry.Where}: the deployment sets '{entry.Name}', which must not be deployed: {rule!.Reason}. " +
                            "Remove it.";
                    }

                    break;
            }
        }

        foreach (var entry in _infra)
        {
            if (_catalog.Find(entry.Key) is null && !_catalog.IsUserDefined(entry.Key))
            {
                yield return $"{entry.Where}: the deployment sets '{entry.Name}', but no options class reads '{entry.Key}'. " +
                    $"{WhatTheCodeReads(entry.Key)} Remove the app setting, or rename it to the key the code reads.";
            }
        }
    }

    public IEnumerable<string> LocalSampleProblems()
    {
        var file = LocalSettingsSample.FileName;
        var values = _sample.Values.Keys
            .Where(name => ConfigurationKeys.IsLiveRelay(ConfigurationKeys.Normalize(name)))
            .Select(name => (Name: name, Key: ConfigurationKeys.Normalize(name)))
            .ToList();

        foreach (var setting in _catalog.Settings.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var rule = RuleFor(setting.Key);
            var listed = values.Where(v => Binds(v.Key, setting)).ToList();
            switch (rule?.LocalSample ?? Presence.Required)
            {
                case Presence.Required when listed.Count == 0:
                    yield return $"{file}: Values lacks '{ConfigurationKeys.ToAppSettingName(setting.Key)}' (read by {setting.ReadBy}). " +
                        $"Add it with a safe local default, or add a SettingRule with LocalSample = Presence.Optional to {RulesFile} " +
                        "saying why a local run does without it.";
                    break;
                case Presence.Forbidden:
                    foreach (var (name, _) in listed)
                    {
                        yield return $"{file}: Values.{name} must not be in the sample: {rule!.Reason}. Remove it.";
                    }

                    break;
            }
        }

        foreach (var (name, key) in values)
        {
            if (_catalog.Find(key) is null && !_catalog.IsUserDefined(key))
            {
                yield return $"{file}: Values.{name} is read by no options class ('{key}'). {WhatTheCodeReads(key)} " +
                    "Remove it, or rename it to the key the code reads.";
            }
        }
    }

    public IEnumerable<string> RuleProblems()
    {
        foreach (var duplicate in _rules.GroupBy(r => r.Key, ConfigurationKeys.Comparer).Where(g => g.Count() > 1))
        {
            yield return $"{RulesFile}: '{duplicate.Key}' has {duplicate.Count()} rules; keep one.";
        }

        foreach (var rule in _rules)
        {
            if (_catalog.Find(rule.Key) is null)
            {
                yield return $"{RulesFile}: the rule for '{rule.Key}' names no setting the code reads. {WhatTheCodeReads(rule.Key)} " +
                    "Delete the rule, or correct its key.";
            }

            if (rule is { Infra: Presence.Required, LocalSample: Presence.Required })
            {
                yield return $"{RulesFile}: the rule for '{rule.Key}' only restates the default (required in both places); delete it.";
            }

            if (string.IsNullOrWhiteSpace(rule.Reason))
            {
                yield return $"{RulesFile}: the rule for '{rule.Key}' gives no reason; say why in one sentence.";
            }
        }
    }

    private SettingRule? RuleFor(string key) => _rules.FirstOrDefault(r => ConfigurationKeys.Comparer.Equals(r.Key, key));

    private static bool Binds(string key, OptionsSetting setting) =>
        ConfigurationKeys.Comparer.Equals(key, setting.Key)
        || (setting.IsList && ConfigurationKeys.IsUnder(key, setting.Key) && key[(setting.Key.Length + 1)..].All(char.IsAsciiDigit));

    private string WhatTheCodeReads(string key)
    {
        var section = key.LastIndexOf(':') is var i and > 0 ? key[..i] : key;
        var siblings = _catalog.Settings
            .Where(s => ConfigurationKeys.IsUnder(s.Key, section) && !s.Key[(section.Length + 1)..].Contains(':', StringComparison.Ordinal))
            .Select(s => s.Key[(section.Length + 1)..])
            .Order(StringComparer.Ordinal)
            .ToList();
        return siblings.Count > 0
            ? $"Under '{section}' the code reads: {string.Join(", ", siblings)}."
            : $"No options class reads anything under '{section}'; options sections in the code: " +
                $"{string.Join(", ", _catalog.Sections.Keys.Order(StringComparer.Ordinal))}.";
    }
}
