using System.Text;
using LiveRelay.Intake;
using LiveRelay.Intake.Configuration;
using LiveRelay.Intake.Results;
using LiveRelay.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Tests.Intake;

/// <summary>An <see cref="IntakeService"/> built from configuration JSON, as a host would build it.</summary>
internal sealed class IntakeTestHost
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public IntakeTestHost(string sourcesJson, InMemorySecretProvider? secrets = null, DateTimeOffset? now = null, Action<IntakeOptions>? limits = null)
    {
        Configuration = FromJson(sourcesJson);
        Secrets = secrets ?? new InMemorySecretProvider();
        Time = new ManualTimeProvider(now ?? DefaultNow);
        var sources = new SourcesOptions();
        SourcesConfiguration.Bind(Configuration, sources);
        var validation = new SourcesOptionsValidator().Validate(null, sources);
        if (validation.Failed)
        {
            throw new InvalidOperationException(validation.FailureMessage);
        }

        var intake = new IntakeOptions();
        Configuration.GetSection(IntakeOptions.SectionName).Bind(intake);
        limits?.Invoke(intake);
        Service = new IntakeService(Options.Create(sources), Options.Create(intake), Secrets, Time, NullLogger<IntakeService>.Instance);
    }

    public IConfiguration Configuration { get; }

    public InMemorySecretProvider Secrets { get; }

    public ManualTimeProvider Time { get; }

    public IntakeService Service { get; }

    /// <summary>Configuration from a JSON document; <paramref name="sourcesJson"/> is the content of LiveRelay:Sources, or a whole document when it has "LiveRelay".</summary>
    public static IConfiguration FromJson(string sourcesJson)
    {
        var json = sourcesJson.Contains("\"LiveRelay\"", StringComparison.Ordinal) ? sourcesJson : $"{{\"LiveRelay\":{{\"Sources\":{sourcesJson}}}}}";
        return new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
    }

    public ValueTask<IntakeResult> PostAsync(string source, string body, IEnumerable<KeyValuePair<string, string>>? headers = null, string? contentType = "application/json") =>
        PostAsync(source, Encoding.UTF8.GetBytes(body), headers, contentType);

    public ValueTask<IntakeResult> PostAsync(string source, byte[] body, IEnumerable<KeyValuePair<string, string>>? headers = null, string? contentType = "application/json") =>
        Service.AcceptWebhookAsync(source, ToHeaders(headers), contentType, body);

    public static IEnumerable<KeyValuePair<string, StringValues>> ToHeaders(IEnumerable<KeyValuePair<string, string>>? headers) =>
        (headers ?? []).Select(h => new KeyValuePair<string, StringValues>(h.Key, h.Value)).ToList();

    public static IEnumerable<KeyValuePair<string, StringValues>> ToHeaderValues(IEnumerable<(string Name, string Value)> headers) =>
        headers.Select(h => new KeyValuePair<string, StringValues>(h.Name, h.Value)).ToList();
}
