using System.Net;
using System.Security.Cryptography;
using System.Text;
using LiveRelay.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Hosting;

/// <summary>
/// <c>LiveRelay:SourcesFile</c> on both hosts: a source written exactly as the documented examples are (a whole
/// <c>{"LiveRelay":{"Sources":...}}</c> document in a file of its own) receives webhooks like one in app settings.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SourcesFileTests(IntegrationEnvironment environment, ITestOutputHelper output) : IDisposable
{
    private const string Secret = "SourcesFileSecret4Kq9";

    private readonly string _directory = Directory.CreateTempSubdirectory("liverelay-sources-").FullName;

    [Theory]
    [BothHosts]
    public async Task A_source_in_its_own_file_receives_webhooks(HostKind kind)
    {
        var file = Path.Combine(_directory, "sources.json");
        await File.WriteAllTextAsync(file, """
            {
              "LiveRelay": {
                "Sources": {
                  "fromfile": {
                    "Verification": { "Scheme": "github", "SecretNames": [ "fromfile-secret" ] },
                    "Rules": [ { "Kind": "user", "Parameters": { "AppId": "lrapp1", "ReceiverId": "{$.user}", "SenderId": "file", "Body": "{$.text}" } } ]
                  }
                }
              }
            }
            """);
        var settings = RelaySettings.For(null, environment.Emulator);
        settings["LiveRelay:SourcesFile"] = file;
        settings["LiveRelay:Secrets:fromfile-secret"] = Secret;
        await using var host = await ParityHost.StartAsync(kind, settings, output);
        const string body = """{"user":"filereader1","text":"from a file"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/webhooks/fromfile", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));

        using var answer = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
