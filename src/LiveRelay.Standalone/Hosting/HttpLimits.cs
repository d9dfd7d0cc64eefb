using Microsoft.Extensions.Configuration;

namespace LiveRelay.Standalone.Hosting;

/// <summary>host.json's <c>extensions.http</c> limits, with the Functions host's defaults.</summary>
internal sealed record HttpLimits(int MaxConcurrentRequests, int MaxOutstandingRequests)
{
    private const string Section = "AzureFunctionsJobHost:extensions:http";

    public static HttpLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var concurrent = section.GetValue("maxConcurrentRequests", 100);
        var outstanding = section.GetValue("maxOutstandingRequests", 200);
        if (concurrent < 1 || outstanding < concurrent)
        {
            throw new InvalidOperationException(
                $"{Section}: maxConcurrentRequests must be at least 1 and maxOutstandingRequests at least maxConcurrentRequests (got {concurrent} and {outstanding}).");
        }

        return new HttpLimits(concurrent, outstanding);
    }
}
