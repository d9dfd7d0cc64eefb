using Microsoft.Extensions.Options;

namespace LiveRelay.Intake.Configuration;

/// <summary>Rejects limits that could only cause trouble later.</summary>
public sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public const int MaxBodyBytesLimit = 64 * 1024 * 1024;
    public const int MaxMessagesLimit = 100_000;
    public const int MaxBytesPerEventLimit = 1024 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var prefix = IntakeOptions.SectionName;
        if (options.MaxBodyBytes is < 1 or > MaxBodyBytesLimit)
        {
            failures.Add($"{prefix}:MaxBodyBytes must be between 1 and {MaxBodyBytesLimit}.");
        }

        if (options.MaxMessagesPerEvent is < 1 or > MaxMessagesLimit)
        {
            failures.Add($"{prefix}:MaxMessagesPerEvent must be between 1 and {MaxMessagesLimit}.");
        }

        if (options.MaxBytesPerEvent is < 1 or > MaxBytesPerEventLimit)
        {
            failures.Add($"{prefix}:MaxBytesPerEvent must be between 1 and {MaxBytesPerEventLimit}.");
        }

        if (!OptionValues.TryParseDelivery(options.ApiDelivery, out _))
        {
            failures.Add($"{prefix}:ApiDelivery must be one of {OptionValues.DeliveryModes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
