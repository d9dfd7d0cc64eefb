using System.Text;
using LiveRelay.Hosting;
using LiveRelay.Hosting.Startup;
using LiveRelay.Secrets;
using LiveRelay.Testing;
using LiveRelay.Tests.Intake;
using LiveRelay.Tests.Secrets.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Tests.Hosting.Startup;

/// <summary>The sources' signing secrets are read when the host starts (<c>AddLiveRelay</c>), as both hosts wire it.</summary>
public sealed class SourceSecretsStartupCheckTests
{
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private const string Sources = """
        {
          "shop": {
            "Verification": { "Scheme": "hmac", "Header": "X-Sig", "SecretNames": [ "shop-secret", "shop-secret-previous" ] },
            "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "u", "SenderId": "bot" } } ]
          },
          "campaigns": {
            "Verification": { "Scheme": "standard-webhooks", "SecretNames": [ "campaigns-secret" ] },
            "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "u", "SenderId": "bot" } } ]
          }
        }
        """;

    [Fact]
    public async Task A_misspelled_secret_name_stops_the_start_naming_the_source_and_the_secret()
    {
        var secrets = new InMemorySecretProvider(("shop-secret", "s1"), ("campaigns-secret", StandardSecret));

        var error = await Assert.ThrowsAsync<StartupConfigurationException>(() => StartAsync(secrets));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("LiveRelay:Sources:shop:Verification:SecretNames:1", problem.Path);
        Assert.Contains("Source 'shop': its signing secret 'shop-secret-previous' does not exist", problem.Problem, StringComparison.Ordinal);
        Assert.Contains("Correct the name", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standard_webhooks_secret_without_whsec_stops_the_start_and_the_value_is_never_shown()
    {
        var bare = StandardSecret["whsec_".Length..];
        var secrets = new InMemorySecretProvider(("shop-secret", "s1"), ("shop-secret-previous", "s0"), ("campaigns-secret", bare));

        var error = await Assert.ThrowsAsync<StartupConfigurationException>(() => StartAsync(secrets));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("LiveRelay:Sources:campaigns:Verification:SecretNames:0", problem.Path);
        Assert.Contains("'campaigns-secret'", problem.Problem, StringComparison.Ordinal);
        Assert.Contains("scheme 'standard-webhooks'", problem.Problem, StringComparison.Ordinal);
        Assert.Contains("does not start with 'whsec_'", problem.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(bare, StartupFailureReport.Format(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_vault_stops_the_standalone_start_saying_it_cannot_be_read_now()
    {
        var secrets = new InMemorySecretProvider(("shop-secret", "s1"), ("shop-secret-previous", "s0"), ("campaigns-secret", StandardSecret));
        secrets.Unreadable.Add("shop-secret");

        var error = await Assert.ThrowsAsync<StartupConfigurationException>(() => StartAsync(secrets));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("'shop-secret' cannot be read now", problem.Problem, StringComparison.Ordinal);
        Assert.Contains("the vault could not be reached", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Functions_app_starts_degraded_while_the_vault_is_out_of_reach_and_recovers_on_the_refresh()
    {
        var secrets = new InMemorySecretProvider(("shop-secret", "s1"), ("shop-secret-previous", "s0"), ("campaigns-secret", StandardSecret));
        secrets.Unreadable.Add("campaigns-secret");
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);

        using var host = await StartAsync(secrets, functions: true, clock: clock);
        var status = host.Services.GetRequiredService<SecretsStatus>();

        Assert.Contains(status.Missing, static m => m.Contains("'campaigns-secret' cannot be read now", StringComparison.Ordinal));
        secrets.Unreadable.Clear();
        clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually(() => status.Missing.Count == 0);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_misspelled_name_stops_the_Functions_app_too()
    {
        var secrets = new InMemorySecretProvider(("shop-secret", "s1"), ("shop-secret-previous", "s0"));

        var error = await Assert.ThrowsAsync<StartupConfigurationException>(() => StartAsync(secrets, functions: true));

        Assert.Contains("'campaigns-secret' does not exist", Assert.Single(error.Problems).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_after_start_logs_which_secret_of_which_source_failed_and_why_by_name_only()
    {
        var secrets = new InMemorySecretProvider(("shop-secret", "s1"), ("shop-secret-previous", "s0"), ("campaigns-secret", StandardSecret));
        var logs = new CapturingLoggerProvider();
        using var host = await StartAsync(secrets, logs: logs);
        secrets.Remove("shop-secret");
        secrets.Set("shop-secret-previous", string.Empty);
        secrets.Set("campaigns-secret", "not-a-whsec-value");

        var shop = await PostAsync(host, "shop");
        var campaigns = await PostAsync(host, "campaigns");

        Assert.Equal(503, shop.StatusCode);
        Assert.Equal(503, campaigns.StatusCode);
        var text = logs.AllText();
        Assert.Contains("A signing secret of source 'shop' cannot be used: Secret 'shop-secret' does not exist", text, StringComparison.Ordinal);
        Assert.Contains("Secret 'shop-secret-previous' does not exist", text, StringComparison.Ordinal);
        Assert.Contains("A signing secret of source 'campaigns' cannot be used: Secret 'campaigns-secret'", text, StringComparison.Ordinal);
        Assert.Contains("does not start with 'whsec_'", text, StringComparison.Ordinal);
        Assert.Contains("Source 'shop' answers 503 verification-unavailable", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-whsec-value", text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    private static async Task<IHost> StartAsync(InMemorySecretProvider secrets, bool functions = false, ManualTimeProvider? clock = null, CapturingLoggerProvider? logs = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = "id",
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "secret",
        });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"LiveRelay\":{{\"Sources\":{Sources}}}}}")));
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddSingleton<ISecretProvider>(secrets);
        if (clock is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
        }

        builder.Services.AddLiveRelay(builder.Configuration);
        if (functions)
        {
            builder.Services.AddLiveRelayFunctionsHosting(builder.Configuration);
        }

        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static async Task<LiveRelay.Intake.Http.IntakeHttpResponse> PostAsync(IHost host, string source)
    {
        var (outbox, _) = Support.TestOutboxes.InMemory();
        return await host.Services.GetRequiredService<RelayService>().ReceiveWebhookAsync(
            source, [new KeyValuePair<string, StringValues>("X-Sig", "00")], "application/json", "{}"u8.ToArray(), outbox);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
