using LiveRelay.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Cli.Configuration;

/// <summary>The services a host builds from a configuration (<c>AddLiveRelay</c>), without starting anything.</summary>
internal static class CliServices
{
    public static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        services.AddLiveRelay(configuration);
        return services.BuildServiceProvider();
    }
}
