using LiveRelay.Emulator.Hosting;
using LiveRelay.Emulator.Settings;
using LiveRelay.Emulator.Tests.Support;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Tests;

/// <summary>How the emulator starts: where it listens, and settings it refuses to start with.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Without_urls_it_listens_on_a_free_loopback_port()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        Assert.Equal("127.0.0.1", emulator.Endpoint.Host);
        Assert.NotEqual(0, emulator.Endpoint.Port);
        Assert.Equal("/", emulator.Endpoint.AbsolutePath);
    }

    [Fact]
    public async Task Given_urls_it_listens_there()
    {
        var port = LiveRelay.Testing.LoopbackPort.GetFree();
        await using var emulator = await EmulatorHost.StartAsync([$"--urls=http://127.0.0.1:{port}"]);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), emulator.Endpoint);
    }

    [Fact]
    public async Task Settings_that_break_a_rule_stop_the_start_naming_each_setting()
    {
        string[] args =
        [
            "--Logging:LogLevel:Default=None",
            "--Emulator:AccessKeySecret=",
            "--Emulator:RateLimits:SendMessageToGroup=0",
            "--Emulator:Faults:TimeoutShare=2",
            "--Emulator:ClockSkew=-00:01:00",
            "--Emulator:Apps:0=",
        ];
        await using var app = EmulatorApp.Build(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(timeout.Token));

        Assert.Contains(error.Failures, f => f.Contains("Emulator:AccessKeyId and Emulator:AccessKeySecret must be set together", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Emulator:RateLimits:SendMessageToGroup", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Emulator:Faults:TimeoutShare", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Emulator:ClockSkew", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Emulator:Apps:0", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains(EmulatorOptions.DefaultAccessKeySecret, StringComparison.Ordinal));
    }
}
