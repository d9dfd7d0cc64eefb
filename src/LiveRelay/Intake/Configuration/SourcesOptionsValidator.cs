using LiveRelay.Intake.Mapping;
using Microsoft.Extensions.Options;

namespace LiveRelay.Intake.Configuration;

/// <summary>
/// Compiles every source at start-up and reports each problem with its configuration key
/// (<c>LiveRelay:Sources:shop:Rules:0:Parameters:ReceiverId: ...</c>), so a bad source stops the host instead of failing events.
/// </summary>
public sealed class SourcesOptionsValidator : IValidateOptions<SourcesOptions>
{
    public ValidateOptionsResult Validate(string? name, SourcesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (sourceName, source) in options.Sources)
        {
            if (source is null)
            {
                errors.Add($"{SourcesOptions.SectionName}:{sourceName}: the source is empty.");
                continue;
            }

            SourceCompiler.TryCompile(sourceName, source, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
