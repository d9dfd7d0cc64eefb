using System.CommandLine;
using System.Net.Http.Headers;
using LiveRelay.Cli.Configuration;
using LiveRelay.Cli.Signing;
using LiveRelay.Intake.Configuration;
using LiveRelay.Secrets.Configuration;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Cli.Commands;

/// <summary>
/// <c>liverelay sign</c>: the headers of a test webhook for a scheme, with a fresh timestamp; prints a ready curl command,
/// or with <c>--send</c> posts it and prints the answer. With <c>--source</c> and a configuration, the scheme, the hmac
/// settings and (for local runs) the secret are taken from the source as configured.
/// </summary>
internal sealed class SignCommand : ICliCommand
{
    private const string DefaultBaseUrl = "http://127.0.0.1:7071";

    private readonly ConfigurationOptions _configuration = new();
    private readonly HeaderOption _headers = new();

    private readonly Option<string?> _scheme = new("--scheme") { Description = $"One of {string.Join(", ", WebhookSigner.Schemes)}; default: the source's, from the configuration." };

    private readonly Option<string?> _source = new("--source") { Description = "The source to sign for: its URL, and, from the configuration, its scheme, hmac settings and secret." };

    private readonly Option<string?> _secret = new("--secret") { Description = "The signing secret: the value, @file, or env:NAME. Default: the source's first secret in the configuration (LiveRelay:Secrets:<name>)." };

    private readonly Option<string> _payload = new("--payload", "-p") { Description = "The body, a file; its bytes are signed and sent exactly.", Required = true };

    private readonly Option<string?> _headerName = new("--header-name") { Description = "hmac: the header that carries the signature." };

    private readonly Option<string?> _prefix = new("--prefix") { Description = "hmac: text before the signature, e.g. sha256=." };

    private readonly Option<string?> _algorithm = new("--algorithm") { Description = "hmac: sha256 (default), sha1, sha384 or sha512." };

    private readonly Option<string?> _encoding = new("--encoding") { Description = "hmac: hex (default) or base64." };

    private readonly Option<string?> _secretEncoding = new("--secret-encoding") { Description = "hmac: how the secret becomes the key: utf8 (default), base64 or hex." };

    private readonly Option<string?> _id = new("--id") { Description = "standard-webhooks: the webhook-id (default: a new msg_... id)." };

    private readonly Option<string> _contentType = new("--content-type") { Description = "The Content-Type header.", DefaultValueFactory = static _ => "application/json" };

    private readonly Option<string?> _url = new("--url") { Description = $"The webhook URL for the curl command (default {DefaultBaseUrl}/api/webhooks/<source>)." };

    private readonly Option<string?> _send = new("--send")
    {
        Description = "Post it now (to this URL, or to --url / the default) and print the status and the answer.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _functionKey = new("--function-key") { Description = "Sent as x-functions-key (hosts with function keys)." };

    public Command Create()
    {
        var command = new Command("sign", "Sign a test webhook with a fresh timestamp: print a ready curl command, or --send it and print the answer.");
        foreach (var option in new Option[] { _scheme, _source, _secret, _payload, _headerName, _prefix, _algorithm, _encoding, _secretEncoding, _id, _contentType, _url, _send, _functionKey })
        {
            command.Options.Add(option);
        }

        _headers.AddTo(command);
        _configuration.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var source = parsed.GetValue(_source);
        var configuration = source is not null || _configuration.Files(parsed).Count > 0 ? _configuration.Load(parsed) : null;
        var verification = source is null ? null : configuration?.GetSection($"{SourcesOptions.SectionName}:{source}:Verification");
        if (verification is not null && !verification.Exists() && parsed.GetValue(_scheme) is null)
        {
            throw new CliUsageException($"No source '{source}' in the configuration (LiveRelay:Sources:{source}); name the settings with --config, or give --scheme.");
        }

        var scheme = (parsed.GetValue(_scheme) ?? verification?["Scheme"])?.Trim().ToLowerInvariant()
            ?? throw new CliUsageException("Give --scheme, or --source with a configuration that defines it.");
        var payloadPath = parsed.GetValue(_payload)!;
        var body = await PayloadFile.ReadAsync(payloadPath, cancellationToken).ConfigureAwait(false);
        var hmac = scheme == WebhookSigner.Hmac ? HmacSettings(parsed, verification) : null;
        var secret = scheme == WebhookSigner.None ? string.Empty : await SecretAsync(parsed, configuration, verification).ConfigureAwait(false);

        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", parsed.GetValue(_contentType)!) };
        headers.AddRange(WebhookSigner.Sign(scheme, secret, body, DateTimeOffset.UtcNow, hmac, parsed.GetValue(_id)));
        headers.AddRange(_headers.Read(parsed).Select(static h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())));
        if (parsed.GetValue(_functionKey) is { Length: > 0 } key)
        {
            headers.Add(new("x-functions-key", key));
        }

        if (parsed.GetResult(_send) is null)
        {
            await output.WriteLineAsync(CurlCommand.For(Url(parsed.GetValue(_url), source), headers, payloadPath)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var target = parsed.GetValue(_send) is { Length: > 0 } sendTo ? Absolute(sendTo, "--send") : Url(parsed.GetValue(_url), source);
        return await SendAsync(target, headers, body, parsed.InvocationConfiguration, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> SendAsync(Uri target, List<KeyValuePair<string, string>> headers, byte[] body, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliUsageException($"Could not post to {target}: {ex.Message}");
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            await console.Output.WriteLineAsync($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}").ConfigureAwait(false);
            if (answer.Length > 0)
            {
                await console.Output.WriteLineAsync(answer).ConfigureAwait(false);
            }

            return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Refused;
        }
    }

    private HmacSigning HmacSettings(ParseResult parsed, IConfigurationSection? verification) => new(
        parsed.GetValue(_headerName) ?? verification?["Header"] ?? throw new CliUsageException("hmac needs --header-name (or --source with a configured Verification:Header)."),
        parsed.GetValue(_prefix) ?? verification?["Prefix"] ?? string.Empty,
        parsed.GetValue(_algorithm) ?? verification?["Algorithm"] ?? "sha256",
        parsed.GetValue(_encoding) ?? verification?["Encoding"] ?? "hex",
        parsed.GetValue(_secretEncoding) ?? verification?["SecretEncoding"] ?? "utf8");

    private async Task<string> SecretAsync(ParseResult parsed, IConfiguration? configuration, IConfigurationSection? verification)
    {
        if (parsed.GetValue(_secret) is { } argument)
        {
            return SecretArgument.Read(argument);
        }

        if (configuration is not null && verification is not null)
        {
            var secrets = new ConfigurationSecretProvider(configuration);
            foreach (var name in verification.GetSection("SecretNames").GetChildren().Select(static c => c.Value).OfType<string>())
            {
                if (await secrets.GetSecretAsync(name.Trim()).ConfigureAwait(false) is { } value)
                {
                    return value;
                }
            }
        }

        throw new CliUsageException("Give --secret (the value, @file or env:NAME), or --source with a configuration holding its secret (LiveRelay:Secrets:<name>).");
    }

    private static Uri Absolute(string url, string option) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliUsageException($"{option} '{url}' is not an http(s) URL.");

    private static Uri Url(string? url, string? source)
    {
        if (url is { Length: > 0 })
        {
            return Absolute(url, "--url");
        }

        return source is null
            ? throw new CliUsageException("Give --source (the URL is then " + DefaultBaseUrl + "/api/webhooks/<source>) or --url.")
            : new Uri($"{DefaultBaseUrl}/api/webhooks/{Uri.EscapeDataString(source)}");
    }
}
