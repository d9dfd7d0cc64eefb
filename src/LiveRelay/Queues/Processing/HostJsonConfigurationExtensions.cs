using Microsoft.Extensions.Configuration;

namespace LiveRelay.Queues.Processing;

public static class HostJsonConfigurationExtensions
{
    /// <summary>
    /// Adds host.json under <c>AzureFunctionsJobHost</c> as the first configuration source, so every other source
    /// (app settings, environment variables, command line) overrides it, as app settings do on Azure.
    /// </summary>
    public static IConfigurationBuilder AddHostJson(this IConfigurationBuilder builder, string path, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        builder.Sources.Insert(0, new HostJsonConfigurationSource { Path = Path.GetFullPath(path), Optional = optional });
        return builder;
    }
}
