using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Emulator.Settings;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Authentication;

/// <summary>The key pairs the emulator accepts, by AccessKey ID.</summary>
internal sealed class CredentialStore
{
    private readonly Dictionary<string, AlibabaCloudCredential> _byId = new(StringComparer.Ordinal);

    public CredentialStore(IOptions<EmulatorOptions> options)
    {
        var settings = options.Value;
        Add(settings.AccessKeyId, settings.AccessKeySecret, settings.SecurityToken);
        foreach (var credential in settings.Credentials)
        {
            Add(credential.AccessKeyId, credential.AccessKeySecret, credential.SecurityToken);
        }
    }

    public AlibabaCloudCredential? Find(string accessKeyId) => _byId.GetValueOrDefault(accessKeyId);

    private void Add(string? accessKeyId, string? accessKeySecret, string? securityToken)
    {
        if (!string.IsNullOrWhiteSpace(accessKeyId) && !string.IsNullOrWhiteSpace(accessKeySecret))
        {
            _byId[accessKeyId] = new AlibabaCloudCredential(accessKeyId, accessKeySecret, securityToken);
        }
    }
}
