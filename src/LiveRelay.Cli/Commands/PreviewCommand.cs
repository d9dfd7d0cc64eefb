using System.CommandLine;
using System.Text;
using System.Text.Json;
using LiveRelay.Cli.Configuration;
using LiveRelay.Hosting.Preview;
using LiveRelay.Hosting.Startup;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Cli.Commands;

/// <summary>
/// <c>liverelay preview</c>: what <c>POST /api/webhooks/{source}</c> would make of a payload, offline, through the core
/// <see cref="PayloadPreviewer"/> (the endpoint's own intake): the message requests as JSON, or the problem it would answer.
/// </summary>
internal sealed class PreviewCommand : ICliCommand
{
    private readonly ConfigurationOptions _configuration = new();
    private readonly HeaderOption _headers = new();

    private readonly Option<string> _source = new("--source") { Description = "The source's name (as in /api/webhooks/{source}).", Required = true };

    private readonly Option<string> _payload = new("--payload", "-p") { Description = "The body to preview, a file (- for standard input); its bytes are used exactly.", Required = true };

    private readonly Option<string> _contentType = new("--content-type") { Description = "The Content-Type header.", DefaultValueFactory = static _ => "application/json" };

    private readonly Option<bool> _skipVerification = new("--skip-verification")
    {
        Description = "Render an unsigned payload: the signature is not checked (the output says \"verification\": \"skipped\"); the real endpoint would check it.",
    };

    public Command Create()
    {
        var command = new Command("preview", "Show the message requests a webhook payload would produce, or the exact problem the endpoint would answer; nothing is sent or queued.");
        command.Options.Add(_source);
        command.Options.Add(_payload);
        _headers.AddTo(command);
        command.Options.Add(_contentType);
        command.Options.Add(_skipVerification);
        _configuration.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var error = parsed.InvocationConfiguration.Error;
        var headers = _headers.Read(parsed);
        var body = await PayloadFile.ReadAsync(parsed.GetValue(_payload)!, cancellationToken).ConfigureAwait(false);
        var configuration = _configuration.Load(parsed);
        await using var services = CliServices.Build(configuration);
        StartupPreflight.Check(services);

        var preview = await services.GetRequiredService<PayloadPreviewer>().PreviewAsync(
            new PayloadPreviewRequest
            {
                Source = parsed.GetValue(_source)!,
                Body = body,
                Headers = headers,
                ContentType = parsed.GetValue(_contentType),
                SkipVerification = parsed.GetValue(_skipVerification),
            },
            cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync(Encoding.UTF8.GetString(preview.ToJson())).ConfigureAwait(false);
        if (preview.Outcome != "rejected")
        {
            if (preview.Verification == PreviewVerification.Skipped)
            {
                await error.WriteLineAsync("Note: the signature was not checked (--skip-verification); the real endpoint checks it.").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }

        using var problem = JsonDocument.Parse(preview.Answer.Body);
        var root = problem.RootElement;
        await error.WriteLineAsync($"Refused: {preview.Answer.StatusCode} {Text(root, "type")}: {Text(root, "detail")}").ConfigureAwait(false);
        return ExitCodes.Refused;
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
