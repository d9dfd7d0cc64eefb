using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery;

/// <summary>Rejects delivery settings that could only misbehave later: non-positive rates, unbounded retries, factors outside (0, 1].</summary>
public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var prefix = DeliveryOptions.SectionName;

        Rate(failures, $"{prefix}:SendMessageToGroup", options.SendMessageToGroup);
        Rate(failures, $"{prefix}:SendLiveMessageUser", options.SendLiveMessageUser);

        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"{prefix}:MaxAttempts must be between 1 and 20.");
        }

        if (options.MaxRetryDuration <= TimeSpan.Zero || options.MaxRetryDuration > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}:MaxRetryDuration must be greater than zero and at most 10 minutes.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{prefix}:RetryBaseDelay must be greater than zero and at most 1 minute.");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay || options.RetryMaxDelay > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{prefix}:RetryMaxDelay must be at least RetryBaseDelay and at most 5 minutes.");
        }

        Fraction(failures, $"{prefix}:ThrottleDecreaseFactor", options.ThrottleDecreaseFactor, allowOne: false);
        Fraction(failures, $"{prefix}:RateRecoveryPerSecond", options.RateRecoveryPerSecond, allowOne: true);
        Fraction(failures, $"{prefix}:MinimumRateFraction", options.MinimumRateFraction, allowOne: true);

        if (options.DirectConcurrency is < 1 or > 256)
        {
            failures.Add($"{prefix}:DirectConcurrency must be between 1 and 256.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Rate(List<string> failures, string name, double value)
    {
        if (!double.IsFinite(value) || value <= 0 || value > 100_000)
        {
            failures.Add($"{name} must be a number of calls per second greater than 0 and at most 100000.");
        }
    }

    private static void Fraction(List<string> failures, string name, double value, bool allowOne)
    {
        if (!double.IsFinite(value) || value <= 0 || value > 1 || (!allowOne && value >= 1))
        {
            failures.Add(allowOne ? $"{name} must be greater than 0 and at most 1." : $"{name} must be greater than 0 and less than 1.");
        }
    }
}
