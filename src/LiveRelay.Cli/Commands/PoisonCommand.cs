using System.CommandLine;
using System.Text.Json;
using LiveRelay.Cli.Signing;
using LiveRelay.Messages;
using LiveRelay.Operations.Poison;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using LiveRelay.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveRelay.Cli.Commands;

/// <summary>
/// <c>liverelay poison list|show|replay</c>: the admin API's poison queue operations straight against a storage account,
/// through the same <see cref="PoisonQueueService"/>, printing the same JSON (docs/operations.md).
/// </summary>
internal sealed class PoisonCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Indented = new(LiveRelayJson.Options) { WriteIndented = true };

    public Command Create()
    {
        var command = new Command("poison", "Work with the poison queues of a storage account: list, show and replay parked messages.");
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(ShowCommand());
        command.Subcommands.Add(ReplayCommand());
        return command;
    }

    private static Command ListCommand()
    {
        var command = new Command("list", "List parked messages (a peek: at most 32) with their reason, code and a summary without the body.");
        var target = new Target(command);
        var filter = new FilterOptions(command);
        var top = new Option<int>("--top") { Description = "At most this many, 1 to 32.", DefaultValueFactory = static _ => QueueLimits.MaxMessagesPerReceive };
        command.Options.Add(top);
        command.SetAction((parsed, ct) => target.RunAsync(parsed, async (service, queue) =>
        {
            var count = parsed.GetValue(top);
            if (count is < 1 or > QueueLimits.MaxMessagesPerReceive)
            {
                throw new CliUsageException($"--top {count}: use 1 to {QueueLimits.MaxMessagesPerReceive}.");
            }

            return (ExitCodes.Ok, await service.ListAsync(queue, filter.Read(parsed), count, ct).ConfigureAwait(false));
        }));
        return command;
    }

    private static Command ShowCommand()
    {
        var command = new Command("show", "Show one parked message in full: its decoded content, reason, code and history.");
        var target = new Target(command);
        var id = new Option<string>("--id") { Description = "The message's id in the poison queue (from list).", Required = true };
        command.Options.Add(id);
        command.SetAction((parsed, ct) => target.RunAsync(parsed, async (service, queue) =>
            await service.GetAsync(queue, parsed.GetValue(id)!, ct).ConfigureAwait(false) is { } message
                ? (ExitCodes.Ok, message)
                : (ExitCodes.Refused, NotFound(queue, parsed.GetValue(id)!))));
        return command;
    }

    private static Command ReplayCommand()
    {
        var command = new Command(
            "replay", "Put parked messages back on their queue (--id, or --all with --code/--reason). Each keeps its message id, so the delivery ledger stops a second delivery.");
        var target = new Target(command);
        var filter = new FilterOptions(command);
        var id = new Option<string?>("--id") { Description = "Replay this message (its id in the poison queue)." };
        var all = new Option<bool>("--all") { Description = "Replay every message --code and --reason match (every message without them)." };
        command.Options.Add(id);
        command.Options.Add(all);
        command.SetAction((parsed, ct) => target.RunAsync(parsed, async (service, queue) =>
        {
            var one = parsed.GetValue(id);
            if (string.IsNullOrEmpty(one) == !parsed.GetValue(all))
            {
                throw new CliUsageException("Give either --id or --all.");
            }

            var report = string.IsNullOrEmpty(one)
                ? await service.ReplayMatchingAsync(queue, filter.Read(parsed), ct).ConfigureAwait(false)
                : await service.ReplayAsync(queue, one, ct).ConfigureAwait(false);
            return report is null
                ? (ExitCodes.Refused, NotFound(queue, one!))
                : (report.Failed == 0 ? ExitCodes.Ok : ExitCodes.Refused, report);
        }));
        return command;
    }

    private static object NotFound(string queue, string id) => new { error = $"{queue} holds no message with id '{id}' (it may have been replayed already)." };

    /// <summary><c>--code</c> and <c>--reason</c>.</summary>
    private sealed class FilterOptions
    {
        private readonly Option<string?> _code = new("--code") { Description = "Only messages with this code (any case), e.g. ResourceNotExist." };

        private readonly Option<string?> _reason = new("--reason") { Description = "Only messages whose reason contains this text (any case)." };

        public FilterOptions(Command command)
        {
            command.Options.Add(_code);
            command.Options.Add(_reason);
        }

        public PoisonFilter Read(ParseResult parsed) => new(parsed.GetValue(_reason), parsed.GetValue(_code));
    }

    /// <summary><c>--connection</c>, <c>--queue</c> and <c>--encoding</c>: which poison queue, and running an operation on it.</summary>
    private sealed class Target
    {
        private readonly Option<string> _connection = new("--connection")
        {
            Description = "The storage account: a connection string (UseDevelopmentStorage=true for Azurite), @file, or env:NAME (e.g. env:AzureWebJobsStorage).",
            Required = true,
        };

        private readonly Option<string> _queue = new("--queue") { Description = $"The poison queue: {string.Join(" or ", PoisonQueueService.PoisonQueues)}.", Required = true };

        private readonly Option<string> _encoding = new("--encoding")
        {
            Description = "How messages carry their content, as host.json messageEncoding: base64 (default) or none.",
            DefaultValueFactory = static _ => "base64",
        };

        public Target(Command command)
        {
            command.Options.Add(_connection);
            command.Options.Add(_queue);
            command.Options.Add(_encoding);
        }

        /// <summary>Runs <paramref name="operation"/> and prints its answer as JSON: to standard output when it succeeded, else to standard error.</summary>
        public async Task<int> RunAsync(ParseResult parsed, Func<PoisonQueueService, string, Task<(int ExitCode, object Answer)>> operation)
        {
            var queue = parsed.GetValue(_queue)!;
            if (!PoisonQueueService.IsPoisonQueue(queue))
            {
                throw new CliUsageException($"--queue {queue}: not a poison queue; use {string.Join(" or ", PoisonQueueService.PoisonQueues)}.");
            }

            var encoding = parsed.GetValue(_encoding)!.ToLowerInvariant() switch
            {
                "base64" => QueueMessageEncoding.Base64,
                "none" => QueueMessageEncoding.None,
                var other => throw new CliUsageException($"--encoding {other}: use base64 or none."),
            };
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.DefaultName] = SecretArgument.Read(parsed.GetValue(_connection)!, _connection.Name) })
                .Build();
            await using var services = new ServiceCollection().AddLogging().AddMessageQueues(configuration).BuildServiceProvider();
            var service = new PoisonQueueService(
                services.GetRequiredService<IMessageQueueFactory>(), Options.Create(new HostJsonQueueOptions { MessageEncoding = encoding }));
            try
            {
                var (exitCode, answer) = await operation(service, queue).ConfigureAwait(false);
                var output = exitCode == ExitCodes.Ok ? parsed.InvocationConfiguration.Output : parsed.InvocationConfiguration.Error;
                await output.WriteLineAsync(JsonSerializer.Serialize(answer, answer.GetType(), Indented)).ConfigureAwait(false);
                return exitCode;
            }
            catch (MessageQueueException ex)
            {
                // The message names the queue, the operation and the service's code; never the account key.
                await parsed.InvocationConfiguration.Error.WriteLineAsync($"The storage account could not be used: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Refused;
            }
        }
    }
}
