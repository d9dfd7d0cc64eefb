namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>The two ways LiveRelay runs: the parity tests run every case on both.</summary>
public enum HostKind
{
    /// <summary>The standalone ASP.NET Core host, in-process.</summary>
    Standalone,

    /// <summary>The built Functions app's worker process, through the Functions host stand-in.</summary>
    Functions,
}
