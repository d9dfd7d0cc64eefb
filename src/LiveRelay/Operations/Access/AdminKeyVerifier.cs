using System.Security.Cryptography;
using System.Text;
using LiveRelay.Secrets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Operations.Access;

/// <summary>
/// Checks the <c>X-LiveRelay-Admin-Key</c> of a request against <see cref="AdminOptions"/>. Keys are kept as SHA-256
/// hashes, computed once (and again only when a secret's value changes, as after a rotation), and a presented key is
/// compared against every one in constant time. With no key configured the admin API is off, except for loopback
/// requests in Development, as with the keyless function-key mode of the local demo.
/// </summary>
public sealed partial class AdminKeyVerifier
{
    public const string HeaderName = "X-LiveRelay-Admin-Key";

    private readonly byte[][] _configuredHashes;
    private readonly IReadOnlyList<string> _secretNames;
    private readonly ISecretProvider _secrets;
    private readonly bool _development;
    private readonly ILogger _logger;
    private volatile SecretKeys _secretKeys = new([], []);

    public AdminKeyVerifier(IOptions<AdminOptions> options, ISecretProvider secrets, IHostEnvironment environment, ILogger<AdminKeyVerifier>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
        _configuredHashes = [.. options.Value.Keys.Values.Where(static k => !string.IsNullOrEmpty(k)).Select(Hash)];
        _secretNames = [.. options.Value.KeySecretNames];
        _development = environment.IsDevelopment();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Whether any admin key is configured (as a value or as a secret name).</summary>
    public bool HasKeys => _configuredHashes.Length > 0 || _secretNames.Count > 0;

    /// <param name="presentedKey">The header's value, if any.</param>
    /// <param name="isLoopback">Whether the request came to this machine over loopback.</param>
    public async ValueTask<AdminAccess> VerifyAsync(string? presentedKey, bool isLoopback, CancellationToken cancellationToken = default)
    {
        if (!HasKeys)
        {
            return _development && isLoopback ? AdminAccess.Open : AdminAccess.Disabled;
        }

        var secretHashes = await ReadSecretHashesAsync(cancellationToken).ConfigureAwait(false);
        if (_configuredHashes.Length == 0 && secretHashes is null)
        {
            return AdminAccess.KeysUnavailable;
        }

        if (string.IsNullOrEmpty(presentedKey))
        {
            return AdminAccess.Unauthorized;
        }

        // Hashing makes every comparison the same length; every key is compared, so timing says nothing about which matched.
        var presented = Hash(presentedKey);
        var match = false;
        foreach (var key in _configuredHashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, key);
        }

        foreach (var key in secretHashes ?? [])
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, key);
        }

        return match ? AdminAccess.Granted : AdminAccess.Unauthorized;
    }

    /// <summary>The hashes of the keys held in secrets, or null when keys are named and none could be read.</summary>
    private async ValueTask<byte[][]?> ReadSecretHashesAsync(CancellationToken cancellationToken)
    {
        if (_secretNames.Count == 0)
        {
            return [];
        }

        var values = new string?[_secretNames.Count];
        for (var i = 0; i < values.Length; i++)
        {
            try
            {
                values[i] = await _secrets.GetSecretAsync(_secretNames[i], cancellationToken).ConfigureAwait(false);
            }
            catch (SecretUnavailableException ex)
            {
                LogKeyUnreadable(_logger, _secretNames[i], ex.Message);
            }
        }

        // The providers cache values, so this is the same strings almost always; hash again only when one changed.
        var known = _secretKeys;
        if (!known.Values.SequenceEqual(values, StringComparer.Ordinal))
        {
            known = new SecretKeys(values, [.. values.Where(static v => !string.IsNullOrEmpty(v)).Select(static v => Hash(v!))]);
            _secretKeys = known;
        }

        return known.Hashes.Length == 0 ? null : known.Hashes;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The admin key in secret {SecretName} could not be read: {Reason}")]
    private static partial void LogKeyUnreadable(ILogger logger, string secretName, string reason);

    private sealed record SecretKeys(string?[] Values, byte[][] Hashes);
}
