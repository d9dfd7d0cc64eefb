using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveRelay.Queues.Processing;

/// <summary>Reads <see cref="HostJsonQueueOptions"/> straight from a host.json file: for tools, tests and load harnesses outside a host.</summary>
public static class HostJsonQueueOptionsLoader
{
    /// <exception cref="FileNotFoundException">No file at <paramref name="hostJsonPath"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a JSON object.</exception>
    /// <exception cref="OptionsValidationException">A value breaks a rule; every broken rule is listed.</exception>
    public static HostJsonQueueOptions Load(string hostJsonPath)
    {
        var configuration = new ConfigurationBuilder().AddHostJson(hostJsonPath).Build();
        return Bind(configuration);
    }

    /// <summary>Binds and validates the options at <see cref="HostJsonQueueOptions.SectionName"/>.</summary>
    public static HostJsonQueueOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new HostJsonQueueOptions();
        try
        {
            configuration.GetSection(HostJsonQueueOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(nameof(HostJsonQueueOptions), typeof(HostJsonQueueOptions), [ex.Message]);
        }

        var result = new HostJsonQueueOptionsValidator().Validate(Options.DefaultName, options);
        return result.Failed
            ? throw new OptionsValidationException(nameof(HostJsonQueueOptions), typeof(HostJsonQueueOptions), result.Failures)
            : options;
    }
}
