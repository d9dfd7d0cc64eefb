using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>Rejects fleet settings whose leases could outlive their holders' use of them, or a table name Azure refuses.</summary>
public sealed class FleetPacingOptionsValidator : IValidateOptions<FleetPacingOptions>
{
    public ValidateOptionsResult Validate(string? name, FleetPacingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var prefix = FleetPacingOptions.SectionName;

        if (!Enum.IsDefined(options.Coordinator))
        {
            failures.Add($"{prefix}:Coordinator must be Auto, Table or InProcess.");
        }

        if (!IsTableName(options.TableName))
        {
            failures.Add($"{prefix}:TableName must be 3 to 63 letters and digits, starting with a letter.");
        }

        if (options.RenewInterval < TimeSpan.FromMilliseconds(100) || options.RenewInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{prefix}:RenewInterval must be between 100 milliseconds and 1 minute.");
        }

        // The holder stops using a share at half the lease; it must have had at least two chances to renew it by then.
        if (options.LeaseDuration < 4 * options.RenewInterval || options.LeaseDuration > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}:LeaseDuration must be at least 4 × RenewInterval and at most 10 minutes.");
        }

        if (options.FallbackSenderCount is < 1 or > 10_000)
        {
            failures.Add($"{prefix}:FallbackSenderCount must be between 1 and 10000.");
        }

        if (options.MaxPacingWait < TimeSpan.FromMilliseconds(100) || options.MaxPacingWait > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{prefix}:MaxPacingWait must be between 100 milliseconds and 5 minutes.");
        }

        if (options.IdleRelease < TimeSpan.Zero || options.IdleRelease > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{prefix}:IdleRelease must be between 0 and 5 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsTableName(string? value) =>
        value is { Length: >= 3 and <= 63 } && char.IsAsciiLetter(value[0]) && value.All(char.IsAsciiLetterOrDigit);
}
