using System.Net;
using Microsoft.Extensions.Options;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>Rejects settings that could only fail later: a relative or non-HTTPS endpoint, a non-positive timeout, half a key pair.</summary>
public sealed class AlibabaCloudOptionsValidator : IValidateOptions<AlibabaCloudOptions>
{
    public ValidateOptionsResult Validate(string? name, AlibabaCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var prefix = AlibabaCloudOptions.SectionName;

        if (options.Endpoint is not { IsAbsoluteUri: true } endpoint)
        {
            failures.Add($"{prefix}:Endpoint must be an absolute URI.");
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
        {
            failures.Add($"{prefix}:Endpoint must use https; plain http is allowed only for loopback addresses.");
        }
        else if (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{prefix}:Endpoint must be an http(s) URI.");
        }
        else if (endpoint.AbsolutePath != "/" || !string.IsNullOrEmpty(endpoint.Query))
        {
            failures.Add($"{prefix}:Endpoint must have no path or query (RPC calls go to '/').");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{prefix}:Timeout must be greater than zero and at most 5 minutes.");
        }

        if (string.IsNullOrEmpty(options.AccessKeyId) != string.IsNullOrEmpty(options.AccessKeySecret))
        {
            failures.Add($"{prefix}:AccessKeyId and {prefix}:AccessKeySecret must be set together.");
        }

        if (!string.IsNullOrEmpty(options.SecurityToken) && string.IsNullOrEmpty(options.AccessKeyId))
        {
            failures.Add($"{prefix}:SecurityToken needs {prefix}:AccessKeyId and {prefix}:AccessKeySecret.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
