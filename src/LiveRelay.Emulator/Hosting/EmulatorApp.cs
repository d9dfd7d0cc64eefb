using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Emulator.Hosting;

/// <summary>
/// Builds the emulator as a <see cref="WebApplication"/>, for <c>dotnet run</c> and for hosting in-process (tests, the
/// standalone host). Without <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) it listens on 127.0.0.1 on a free port;
/// <see cref="GetEndpoint"/> tells which once it has started.
/// </summary>
public static class EmulatorApp
{
    public const string DefaultUrl = "http://127.0.0.1:0";

    private const int MaxRequestLineBytes = 128 * 1024;

    /// <summary>A builder with the emulator's services and configuration (command line, environment, <c>appsettings.json</c>).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(EmulatorApp).Assembly.GetName().Name,
        });
        // Defaults that any configuration source overrides: the emulator logs its own answers; ASP.NET's per-request lines are noise here.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(static kestrel =>
        {
            // SendLiveMessageUser carries Body (up to 15 KB, up to 45 KB percent-encoded) in the query string, far past
            // Kestrel's default 8 KB request line; the API takes it, so the emulator must too.
            kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        });
        builder.Services.AddLiveApiEmulator(builder.Configuration);
        return builder;
    }

    /// <summary>Builds the application and maps the emulator's endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapLiveApiEmulator();
        return app;
    }

    /// <summary>
    /// <see cref="CreateBuilder"/>, then <paramref name="configure"/> (e.g. to register a <see cref="TimeProvider"/> or
    /// add configuration), then <see cref="Build(WebApplicationBuilder)"/>. Start it with <c>StartAsync</c> or <c>RunAsync</c>.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args);
        configure?.Invoke(builder);
        return Build(builder);
    }

    /// <summary>The address the started emulator listens on, e.g. <c>http://127.0.0.1:50123/</c>: use it as the Live API endpoint.</summary>
    /// <exception cref="InvalidOperationException">The application has not started.</exception>
    public static Uri GetEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("The emulator is not listening yet: start it first.");
        var uri = new Uri(address);
        return new UriBuilder(uri) { Path = "/" }.Uri;
    }
}
