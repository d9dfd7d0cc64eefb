using LiveRelay.Hosting;
using LiveRelay.Intake;
using LiveRelay.Logging;
using LiveRelay.Tests.Delivery.Support;
using LiveRelay.Tests.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Logging;

/// <summary>Every logger the app's factory makes writes no function key and no forged line, whatever the category.</summary>
public sealed class LogSafetyTests
{
    private static (ServiceProvider Services, CapturingLoggerProvider Logs) Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(static s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddLiveRelayLogSafety(configuration)
            .BuildServiceProvider();
        return (services, logs);
    }

    [Fact]
    public void The_request_line_of_any_framework_category_loses_the_function_key_and_configured_parameters()
    {
        var (services, logs) = Build(("LiveRelay:Logging:SecretQueryParameters:0", "sig"));
        using var _ = services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

        logger.LogInformation("Request starting {Method} {Path}{QueryString}", "POST", "/api/messages", "?delivery=direct&code=k3y-Value&SIG=s1g");

        var entry = Assert.Single(logs.Entries);
        Assert.Equal("Request starting POST /api/messages?delivery=direct&code=[redacted]&SIG=[redacted]", entry.Text);
        Assert.Equal("?delivery=direct&code=[redacted]&SIG=[redacted]", entry.Values["QueryString"]);
        Assert.Equal("Request starting {Method} {Path}{QueryString}", entry.Values["{OriginalFormat}"]);
    }

    [Fact]
    public void A_line_break_in_a_value_or_a_scope_is_escaped()
    {
        var (services, logs) = Build();
        using var _ = services;
        var logger = services.GetRequiredService<ILogger<LogSafetyTests>>();

        using (logger.BeginScope(new Dictionary<string, object?> { ["RequestPath"] = "/api/webhooks/x\r\nINFO forged" }))
        {
            logger.LogWarning("Source {Source} refused", "shop\nCritical: fake entry");
        }

        var entry = Assert.Single(logs.Entries);
        Assert.Equal("Source shop\\nCritical: fake entry refused", entry.Text);
        Assert.Equal("shop\\nCritical: fake entry", entry.Values["Source"]);
        Assert.Equal("/api/webhooks/x\\r\\nINFO forged", entry.Scope["RequestPath"]);
        Assert.DoesNotContain(logs.Entries, static e => e.Text.Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void A_scope_is_formatted_only_when_an_entry_inside_it_is_written_and_then_sanitized()
    {
        var (services, logs) = Build();
        using var _ = services;
        var logger = services.GetRequiredService<ILogger<LogSafetyTests>>();
        var scope = new CountingScope("/api/webhooks/x\nforged");

        using (logger.BeginScope(scope))
        {
        }

        Assert.Equal(0, scope.Reads);
        using (logger.BeginScope(scope))
        {
            logger.LogWarning("written");
        }

        Assert.True(scope.Reads > 0);
        Assert.Equal("/api/webhooks/x\\nforged", Assert.Single(logs.Entries).Scope["RequestPath"]);
    }

    [Fact]
    public async Task A_route_value_with_a_line_break_reaches_the_intake_log_escaped()
    {
        var logs = new CapturingLoggerProvider();
        var configuration = IntakeTestHost.FromJson("""{ "s": { "Verification": { "Scheme": "none" }, "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "u", "SenderId": "bot" } } ] } }""");
        await using var services = new ServiceCollection()
            .AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddSingleton(configuration)
            .AddLiveRelay(configuration)
            .BuildServiceProvider();

        await services.GetRequiredService<IntakeService>().AcceptWebhookAsync("nope\r\n2026-01-01 Critical forged", [], "application/json", "{}"u8.ToArray());

        var rejected = Assert.Single(logs.Entries, static e => e.Category == typeof(IntakeService).FullName);
        Assert.Contains("nope\\r\\n2026-01-01 Critical forged", rejected.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', rejected.Text);
    }

    /// <summary>A request-like scope that counts how often it is read.</summary>
    private sealed class CountingScope(string path) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Reads { get; private set; }

        public int Count => 1;

        public KeyValuePair<string, object?> this[int index]
        {
            get
            {
                Reads++;
                return KeyValuePair.Create("RequestPath", (object?)path);
            }
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            Reads++;
            yield return KeyValuePair.Create("RequestPath", (object?)path);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            Reads++;
            return "RequestPath:" + path;
        }
    }
}
