using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery.Ledger;

/// <summary>A retention of at least a minute and at most 30 days.</summary>
public sealed class DeliveryLedgerOptionsValidator : IValidateOptions<DeliveryLedgerOptions>
{
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumRetention = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, DeliveryLedgerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Retention >= MinimumRetention && options.Retention <= MaximumRetention
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{DeliveryLedgerOptions.SectionName}:Retention must be between {MinimumRetention} and {MaximumRetention}.");
    }
}
