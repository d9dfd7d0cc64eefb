using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Settings;

/// <summary>Rejects settings the emulator could not run with, naming each setting and rule (never a secret's value).</summary>
public sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    private const int MaxRate = 100_000;

    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = EmulatorOptions.SectionName;
        var failures = new List<string>();

        var ids = new HashSet<string>(StringComparer.Ordinal);
        ValidateCredential(failures, prefix, options.AccessKeyId, options.AccessKeySecret, options.SecurityToken, ids);
        for (var i = 0; i < options.Credentials.Count; i++)
        {
            var credential = options.Credentials[i];
            var path = $"{prefix}:{nameof(options.Credentials)}:{i}";
            if (string.IsNullOrWhiteSpace(credential?.AccessKeyId) || string.IsNullOrWhiteSpace(credential.AccessKeySecret))
            {
                failures.Add($"{path}: AccessKeyId and AccessKeySecret are both required.");
                continue;
            }

            ValidateCredential(failures, path, credential.AccessKeyId, credential.AccessKeySecret, credential.SecurityToken, ids);
        }

        if (ids.Count == 0)
        {
            failures.Add($"{prefix}: at least one key pair is required ({prefix}:AccessKeyId and {prefix}:AccessKeySecret, or {prefix}:Credentials).");
        }

        for (var i = 0; i < options.Apps.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Apps[i]))
            {
                failures.Add($"{prefix}:{nameof(options.Apps)}:{i} must not be empty.");
            }
        }

        if (options.ClockSkew <= TimeSpan.Zero || options.ClockSkew > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}:{nameof(options.ClockSkew)} must be greater than zero and at most 1 day.");
        }

        if (string.IsNullOrWhiteSpace(options.HostId))
        {
            failures.Add($"{prefix}:{nameof(options.HostId)} is required.");
        }

        if (options.MaxRecordedMessages is < 1 or > 10_000_000)
        {
            failures.Add($"{prefix}:{nameof(options.MaxRecordedMessages)} must be between 1 and 10000000.");
        }

        if (options.RateLimits is not { } rates)
        {
            failures.Add($"{prefix}:{nameof(options.RateLimits)} is required.");
        }
        else
        {
            Rate(failures, $"{prefix}:{nameof(options.RateLimits)}:{nameof(rates.SendMessageToGroup)}", rates.SendMessageToGroup);
            Rate(failures, $"{prefix}:{nameof(options.RateLimits)}:{nameof(rates.SendLiveMessageUser)}", rates.SendLiveMessageUser);
        }

        failures.AddRange(FaultOptionsValidator.Validate(options.Faults, $"{prefix}:{nameof(options.Faults)}"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCredential(
        List<string> failures, string path, string? accessKeyId, string? accessKeySecret, string? securityToken, HashSet<string> ids)
    {
        var hasId = !string.IsNullOrWhiteSpace(accessKeyId);
        var hasSecret = !string.IsNullOrWhiteSpace(accessKeySecret);
        if (hasId != hasSecret)
        {
            failures.Add($"{path}:AccessKeyId and {path}:AccessKeySecret must be set together.");
            return;
        }

        if (!hasId)
        {
            if (!string.IsNullOrEmpty(securityToken))
            {
                failures.Add($"{path}:SecurityToken needs {path}:AccessKeyId and {path}:AccessKeySecret.");
            }

            return;
        }

        if (!ids.Add(accessKeyId!))
        {
            failures.Add($"{path}:AccessKeyId is configured more than once.");
        }
    }

    private static void Rate(List<string> failures, string name, int value)
    {
        if (value is < 1 or > MaxRate)
        {
            failures.Add($"{name} must be between 1 and {MaxRate} calls per second.");
        }
    }
}
