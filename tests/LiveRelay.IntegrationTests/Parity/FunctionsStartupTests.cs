using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Parity;

/// <summary>The Functions app's own start-up behaviour, in the real worker process through the host stand-in.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class FunctionsStartupTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private readonly EmulatorServer _emulator = environment.Emulator;

    [Fact]
    public async Task Without_a_key_pair_the_worker_starts_health_names_it_and_messages_are_retried_not_parked_at_once()
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        var settings = RelaySettings.For(account, _emulator);
        settings.Remove("LiveRelay:AlibabaCloud:AccessKeyId");
        settings.Remove("LiveRelay:AlibabaCloud:AccessKeySecret");
        await using var host = await ParityHost.StartAsync(HostKind.Functions, settings, output);
        using var anonymous = host.NewClient();

        using var health = await anonymous.GetAsync(new Uri("/api/health", UriKind.Relative));
        using var accepted = await host.Client.PostAsync(
            new Uri("/api/messages", UriKind.Relative),
            new StringContent("""[{"kind":"user","request":{"appId":"lrapp1","receiverId":"nokey1","senderId":"api","body":"waits","msgTid":"noKeyYet1"}}]""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var status = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("degraded", status.GetProperty("status").GetString());
        Assert.Contains("key pair", Assert.Single(status.GetProperty("missing").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // Each attempt waits for the key; only when the runtime's maxDequeueCount is used up is the message parked.
        PoisonMessage? parked = null;
        await Eventually.WaitUntilAsync(
            async () => (parked = (await queues.ReadPoisonAsync(QueueNames.LiveMessages)).SingleOrDefault()) is not null,
            TimeSpan.FromSeconds(60),
            () => "nothing was parked in live-messages-poison");
        Assert.Equal("CredentialUnavailable", parked!.Code);
        Assert.Equal(RelaySettings.MaxDequeueCount, parked.Attempts);
        Assert.Equal(0, _emulator.Statistics.Snapshot().Requests);
        Assert.Contains(host.WorkerLogs, static l => l.Level == LogLevel.Error && l.Message.StartsWith("Starting without it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_worker_that_fails_its_start_is_reported_with_its_output_when_it_exits()
    {
        var settings = RelaySettings.For(null, _emulator);
        settings["LiveRelay:AlibabaCloud:Endpoint"] = "ftp://not-an-http-endpoint";

        var error = await Assert.ThrowsAsync<FunctionsHost.WorkerFailedException>(
            () => FunctionsHost.FunctionsHostStandIn.StartAsync(new FunctionsHost.FunctionsHostOptions
            {
                AppDirectory = ParityHost.FunctionsAppDirectory,
                Settings = settings,
                FunctionKeys = [RelaySettings.FunctionKey],
                StartTimeout = TimeSpan.FromMinutes(5),
            }));

        // Reported because the process ended (a hang would say "no answer within"), with the worker's own output.
        Assert.Contains("the worker process exited", error.Message, StringComparison.Ordinal);
        Assert.Contains("LiveRelay:AlibabaCloud", error.Message, StringComparison.Ordinal);

        // One block on stderr, then exit code 1: no unhandled exception, no stack trace.
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(error.Message, "The LiveRelay Functions app cannot start: 1 configuration problem."));
        Assert.Contains("  LiveRelay:AlibabaCloud:Endpoint\n    Problem: ", error.Message.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S", error.Message);
        Assert.DoesNotContain("Unhandled exception", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_that_never_connects_is_reported_as_hung_and_killed_by_its_PID()
    {
        // The standalone host stands in for a worker that starts and then never opens the RPC stream.
        var settings = RelaySettings.For(null, _emulator);
        settings["urls"] = "http://127.0.0.1:0";

        var error = await Assert.ThrowsAsync<FunctionsHost.WorkerFailedException>(
            () => FunctionsHost.FunctionsHostStandIn.StartAsync(new FunctionsHost.FunctionsHostOptions
            {
                AppDirectory = AppContext.BaseDirectory,
                WorkerAssembly = "LiveRelay.Standalone.dll",
                Settings = settings,
                StartTimeout = TimeSpan.FromSeconds(5),
            }));

        Assert.Contains("Waiting for StartStream: no answer within 5 s (the worker hangs)", error.Message, StringComparison.Ordinal);
        var pid = int.Parse(System.Text.RegularExpressions.Regex.Match(error.Message, @"still running as PID (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(IsRunning(pid), $"the worker process {pid} is still running");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
