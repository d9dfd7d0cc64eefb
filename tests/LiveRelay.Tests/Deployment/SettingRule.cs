namespace LiveRelay.Tests.Deployment;

/// <summary>An exception to "every setting the code reads is set by the deployment and listed in the local sample".</summary>
/// <param name="Key">The setting, with ':' separators.</param>
/// <param name="Infra">Whether infra/**/*.bicep must, may or must not set it as an app setting.</param>
/// <param name="LocalSample">Whether local.settings.sample.json must, may or must not list it.</param>
/// <param name="Reason">Why, in one sentence; shown in failures.</param>
internal sealed record SettingRule(string Key, Presence Infra, Presence LocalSample, string Reason);
