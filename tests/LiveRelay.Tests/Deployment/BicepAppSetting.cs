namespace LiveRelay.Tests.Deployment;

/// <summary>One <c>{ name: '...', value: ... }</c> entry of a function app's <c>appSettings</c>.</summary>
/// <param name="Name">The app setting name as written, e.g. <c>LiveRelay__KeyVault__Uri</c>.</param>
/// <param name="Value">The value expression as written, e.g. <c>keyVaultUri</c> or <c>'managedidentity'</c>.</param>
/// <param name="Where">File and line, e.g. <c>infra/modules/function-app.bicep:180</c>.</param>
internal sealed record BicepAppSetting(string Name, string Value, string Where)
{
    public string Key => ConfigurationKeys.Normalize(Name);
}
