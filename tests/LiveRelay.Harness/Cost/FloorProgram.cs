using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Messages;
using Microsoft.Extensions.Options;

namespace LiveRelay.Harness.Cost;

/// <summary>
/// The cost run's floor: a program that does only the essential work of LiveRelay's intake and delivery, so the host's
/// cost can be given as a ratio to it. Intake (<c>POST /api/webhooks/{source}</c>): read the body, verify the Standard
/// Webhooks HMAC-SHA256 with <see cref="CryptographicOperations.FixedTimeEquals(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>,
/// parse the JSON once with System.Text.Json, take the same request fields the harness's <c>orders</c> source maps, and
/// put one message on a <see cref="Channel{T}"/>. Delivery: take messages off the channel at the API limits and send
/// each with one V3-signed call of LiveRelay's own <see cref="LiveApiClient"/>. No retries, no queue service, no
/// configuration, no logging.
/// </summary>
internal static class FloorProgram
{
    public const string Command = "floor";

    /// <summary>The environment variable with the webhook secret (<c>whsec_...</c>).</summary>
    public const string SecretVariable = "LIVERELAY_FLOOR_SECRET";

    private static readonly byte[] Accepted = """{"status":"accepted"}"""u8.ToArray();
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <param name="args">--urls URL --endpoint EMULATOR [--backlog N] [--group-rate R] [--user-rate R]</param>
    public static async Task RunAsync(string[] args)
    {
        var endpoint = new Uri(Argument(args, "--endpoint") ?? throw new ArgumentException("--endpoint is required."));
        var backlog = int.Parse(Argument(args, "--backlog") ?? "0", CultureInfo.InvariantCulture);
        var groupRate = int.Parse(Argument(args, "--group-rate") ?? "100", CultureInfo.InvariantCulture);
        var userRate = int.Parse(Argument(args, "--user-rate") ?? "50", CultureInfo.InvariantCulture);
        var secret = System.Environment.GetEnvironmentVariable(SecretVariable) is { } s ? Convert.FromBase64String(s["whsec_".Length..]) : [];

        var group = Channel.CreateUnbounded<SendMessageToGroupRequest>(new UnboundedChannelOptions { SingleReader = true });
        var user = Channel.CreateUnbounded<SendLiveMessageUserRequest>(new UnboundedChannelOptions { SingleReader = true });
        for (var n = 0; n < backlog; n++)
        {
            var id = MessageIds.ForMessage("floor", n.ToString(CultureInfo.InvariantCulture), 0);
            if (n % 3 == 0)
            {
                user.Writer.TryWrite(UserMessage(id, "lr-app-1", "u" + n.ToString(CultureInfo.InvariantCulture), "A" + n.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                group.Writer.TryWrite(GroupMessage(id, "lr-app-1", "room" + (n % 20).ToString(CultureInfo.InvariantCulture), "A" + n.ToString(CultureInfo.InvariantCulture)));
            }
        }

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        app.MapPost("/api/webhooks/{source}", (HttpContext context, string source) => AcceptAsync(context, source, secret, group.Writer, user.Writer));
        app.MapGet("/api/health", static () => Results.Json(new { status = "healthy" }));

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        var client = new LiveApiClient(
            http,
            new StaticCredentialProvider(new AlibabaCloudCredential(Hosting.EmulatorServer.AccessKeyId, Hosting.EmulatorServer.AccessKeySecret)),
            Options.Create(new AlibabaCloudOptions { Endpoint = endpoint }));
        var stopping = app.Lifetime.ApplicationStopping;
        var senders = Task.WhenAll(
            DeliverAsync(group.Reader, groupRate, (m, ct) => client.SendMessageToGroupAsync(m, ct), stopping),
            DeliverAsync(user.Reader, userRate, (m, ct) => client.SendLiveMessageUserAsync(m, ct), stopping));
        await app.RunAsync().ConfigureAwait(false);
        await senders.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static async Task AcceptAsync(
        HttpContext context, string source, byte[] secret, ChannelWriter<SendMessageToGroupRequest> group, ChannelWriter<SendLiveMessageUserRequest> user)
    {
        var request = context.Request;
        var length = (int)(request.ContentLength ?? 0);
        if (length is <= 0 or > 1024 * 1024)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var body = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = await request.Body.ReadAsync(body.AsMemory(read, length - read), context.RequestAborted).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            string id = request.Headers["webhook-id"].ToString();
            string timestamp = request.Headers["webhook-timestamp"].ToString();
            if (!Verify(secret, id, timestamp, request.Headers["webhook-signature"].ToString(), body.AsSpan(0, read)))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            using var document = JsonDocument.Parse(body.AsMemory(0, read));
            var root = document.RootElement;
            var messageId = MessageIds.ForMessage(source, id, 0);
            var app = root.GetProperty("app").GetString()!;
            var order = root.GetProperty("order").GetString()!;
            if (root.GetProperty("kind").ValueEquals("group"u8))
            {
                group.TryWrite(GroupMessage(id, app, root.GetProperty("room").GetString()!, order));
            }
            else
            {
                user.TryWrite(UserMessage(messageId, app, root.GetProperty("user").GetString()!, order));
            }

            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Accepted, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static bool Verify(byte[] secret, string id, string timestamp, string signatures, ReadOnlySpan<byte> body)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.UTF8.GetBytes(id + "." + timestamp + "."));
        hmac.AppendData(body);
        Span<byte> expected = stackalloc byte[32];
        hmac.GetHashAndReset(expected);
        Span<byte> presented = stackalloc byte[64];
        foreach (var signature in signatures.Split(' '))
        {
            if (signature.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(signature[3..], presented, out var written)
                && written == 32
                && CryptographicOperations.FixedTimeEquals(expected, presented[..32]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sends one message per token of a bucket that refills at <paramref name="rate"/> per second (no burst above one second's worth).</summary>
    private static async Task DeliverAsync<T>(ChannelReader<T> messages, int rate, Func<T, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var last = System.Diagnostics.Stopwatch.GetTimestamp();
        var tokens = 0.0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                tokens = Math.Min(rate, tokens + (rate * System.Diagnostics.Stopwatch.GetElapsedTime(last, now).TotalSeconds));
                last = now;
                while (tokens >= 1 && messages.TryRead(out var message))
                {
                    tokens--;
                    _ = SendOneAsync(send, message, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SendOneAsync<T>(Func<T, CancellationToken, Task> send, T message, CancellationToken cancellationToken)
    {
        try
        {
            await send(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LiveApiException or HttpRequestException or OperationCanceledException)
        {
            // The floor does not retry: a lost message only lowers its rate, which the run reports.
        }
    }

    private static SendMessageToGroupRequest GroupMessage(string eventId, string app, string room, string order) => new()
    {
        AppId = app,
        GroupId = room,
        OperatorUserId = "shop",
        Type = 10010,
        Data = JsonSerializer.Serialize(new FloorGroupData(eventId, order, "Order " + order + " is on its way")),
    };

    private static SendLiveMessageUserRequest UserMessage(string messageId, string app, string receiver, string order) => new()
    {
        AppId = app,
        ReceiverId = receiver,
        SenderId = "shop",
        MsgType = 10001,
        MsgTid = messageId,
        Body = "Order " + order + " has shipped",
    };

    private static string? Argument(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
