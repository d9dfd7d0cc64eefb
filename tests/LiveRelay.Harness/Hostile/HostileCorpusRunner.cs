using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Harness.Hostile;

/// <summary>
/// Runs the corpus against a <see cref="HostileHost"/>. HTTP and raw cases go one at a time, and each must get its
/// expected 4xx while the host sends nothing to live-messages and the Live API gets no call. Queue cases are then put
/// on their queues together, and each must be parked in the queue's poison queue with a reason (and its code, when the
/// case names one), again with nothing sent to live-messages and no API call.
/// </summary>
internal sealed class HostileCorpusRunner(HostileHost host)
{
    private static readonly TimeSpan QueueTimeout = TimeSpan.FromSeconds(60);

    public async Task<HostileRunResult> RunAsync(IReadOnlyList<HostileCase> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var clock = Stopwatch.StartNew();
        var queuedBefore = host.Recorder.CountSent(QueueNames.LiveMessages);
        var callsBefore = host.Emulator.Statistics.Snapshot().Requests;
        var signer = new HostileSigner(host.Settings, host.Secrets);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

        var results = new Dictionary<string, HostileCaseResult>(StringComparer.Ordinal);
        foreach (var hostile in cases.Where(static c => c.Kind != HostileCaseKind.Queue))
        {
            results[hostile.Id] = await RunRequestAsync(hostile, client, signer, cancellationToken).ConfigureAwait(false);
        }

        foreach (var result in await RunQueueCasesAsync([.. cases.Where(static c => c.Kind == HostileCaseKind.Queue)], cancellationToken).ConfigureAwait(false))
        {
            results[result.Case.Id] = result;
        }

        return new HostileRunResult(
            [.. cases.Select(c => results[c.Id])],
            host.Recorder.CountSent(QueueNames.LiveMessages) - queuedBefore,
            host.Emulator.Statistics.Snapshot().Requests - callsBefore,
            clock.Elapsed);
    }

    private async Task<HostileCaseResult> RunRequestAsync(HostileCase hostile, HttpClient client, HostileSigner signer, CancellationToken cancellationToken)
    {
        var queuedBefore = host.Recorder.CountSent(QueueNames.LiveMessages);
        var callsBefore = host.Emulator.Statistics.Snapshot().Requests;
        int? status;
        try
        {
            status = hostile.Kind == HostileCaseKind.Raw
                ? await RawHttpClient.SendAsync(host.BaseAddress, RawRequest(hostile), cancellationToken).ConfigureAwait(false)
                : await SendAsync(hostile, client, signer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            return new HostileCaseResult(hostile, "corpus error", [ex.Message]);
        }

        var problems = new List<string>();
        var observed = status?.ToString(CultureInfo.InvariantCulture) ?? "no answer";
        if (status is null)
        {
            problems.Add("the host closed the connection without an answer");
        }
        else if (status >= 500 && observed != hostile.Expect)
        {
            problems.Add($"a server error ({status}) for a caller's mistake");
        }
        else if (hostile.Expect == "4xx" ? status is < 400 or >= 500 : observed != hostile.Expect)
        {
            problems.Add($"expected {hostile.Expect}, got {status}");
        }

        var queued = host.Recorder.CountSent(QueueNames.LiveMessages) - queuedBefore;
        if (queued != 0)
        {
            problems.Add($"{queued} message(s) were put on live-messages");
        }

        var calls = host.Emulator.Statistics.Snapshot().Requests - callsBefore;
        if (calls != 0)
        {
            problems.Add($"{calls} call(s) reached the Live API");
        }

        return new HostileCaseResult(hostile, observed, problems);
    }

    private async Task<int?> SendAsync(HostileCase hostile, HttpClient client, HostileSigner signer, CancellationToken cancellationToken)
    {
        var path = hostile.Path;
        if (hostile.FunctionKey == "wrong-query")
        {
            path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "code=not-the-key";
        }

        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), new Uri(host.BaseAddress, path));
        var body = hostile.Body?.Render();
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (hostile.Signature is { } mode)
        {
            var source = Uri.UnescapeDataString(path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Last());
            foreach (var (name, value) in signer.Headers(source, mode, body ?? [], hostile.Id, hostile.Headers))
            {
                headers[name] = value;
            }
        }

        foreach (var (name, value) in hostile.Headers)
        {
            headers[name] = value;
        }

        switch (hostile.FunctionKey)
        {
            case "valid":
                headers.TryAdd("x-functions-key", host.FunctionKey);
                break;
            case "wrong":
                headers["x-functions-key"] = "not-the-key";
                break;
        }

        foreach (var (name, value) in headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private byte[] RawRequest(HostileCase hostile)
    {
        var text = hostile.Body!.Render();
        var authority = Encoding.ASCII.GetBytes(host.BaseAddress.Authority);
        var key = Encoding.ASCII.GetBytes(host.FunctionKey);
        return Replace(Replace(text, "{host}"u8, authority), "{key}"u8, key);
    }

    private static byte[] Replace(byte[] text, ReadOnlySpan<byte> placeholder, byte[] value)
    {
        var output = new List<byte>(text.Length);
        var span = text.AsSpan();
        int at;
        while ((at = span.IndexOf(placeholder)) >= 0)
        {
            output.AddRange(span[..at]);
            output.AddRange(value);
            span = span[(at + placeholder.Length)..];
        }

        output.AddRange(span);
        return [.. output];
    }

    private async Task<IReadOnlyList<HostileCaseResult>> RunQueueCasesAsync(IReadOnlyList<HostileCase> cases, CancellationToken cancellationToken)
    {
        if (cases.Count == 0)
        {
            return [];
        }

        // Each case is known in its poison queue by its content, as the processor decodes it.
        static string Key(string queue, string content) => queue + "\n" + content;
        var expected = new Dictionary<string, HostileCase>(StringComparer.Ordinal);
        var outgoing = new List<(HostileCase Case, string Text)>();
        foreach (var hostile in cases)
        {
            var bytes = hostile.Body!.Render();
            var text = hostile.Encoding == "plain" ? Encoding.UTF8.GetString(bytes) : Convert.ToBase64String(bytes);
            if (!expected.TryAdd(Key(QueueNames.PoisonQueueFor(hostile.Queue!), QueueMessageCodec.Decode(text, QueueMessageEncoding.Base64)), hostile))
            {
                throw new InvalidOperationException($"Queue case '{hostile.Id}' has the same content as another case on its queue; the two could not be told apart.");
            }

            outgoing.Add((hostile, text));
        }

        var poisonSeen = host.Recorder.Sent.Count;
        var problemsBySend = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (hostile, text) in outgoing)
        {
            try
            {
                var queue = host.Recorder.Inner.GetQueue(hostile.Queue!);
                await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                await queue.SendAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MessageQueueException or ArgumentException)
            {
                problemsBySend[hostile.Id] = "could not be put on the queue: " + ex.Message;
            }
        }

        var parked = new Dictionary<string, (string Content, PoisonMessage? Poison)>(StringComparer.Ordinal);
        var deadline = DateTimeOffset.UtcNow + QueueTimeout;
        while (parked.Count + problemsBySend.Count < cases.Count && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            foreach (var sent in host.Recorder.Sent.Skip(poisonSeen).Where(static s => s.Queue.EndsWith(QueueNames.PoisonSuffix, StringComparison.Ordinal)))
            {
                var content = QueueMessageCodec.Decode(sent.Text, QueueMessageEncoding.Base64);
                PoisonMessageSerializer.TryDeserialize(content, out var poison);
                var original = poison?.Message ?? content;
                if (expected.TryGetValue(Key(sent.Queue, original), out var hostile))
                {
                    parked[hostile.Id] = (content, poison);
                }
            }
        }

        return [.. cases.Select(hostile => Judge(hostile, problemsBySend.GetValueOrDefault(hostile.Id), parked.TryGetValue(hostile.Id, out var p) ? p : null))];
    }

    private static HostileCaseResult Judge(HostileCase hostile, string? sendProblem, (string Content, PoisonMessage? Poison)? parked)
    {
        if (sendProblem is not null)
        {
            return new HostileCaseResult(hostile, "not sent", [sendProblem]);
        }

        if (parked is not { } found)
        {
            return new HostileCaseResult(hostile, "not parked", [$"not parked in {QueueNames.PoisonQueueFor(hostile.Queue!)} within {QueueTimeout.TotalSeconds:0} s"]);
        }

        if (found.Poison is not { } poison)
        {
            return new HostileCaseResult(hostile, "poison:(no reason)", ["parked as it was, without a reason"]);
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(poison.Reason))
        {
            problems.Add("parked with an empty reason");
        }

        if (hostile.Code is { } code && !string.Equals(poison.Code, code, StringComparison.Ordinal))
        {
            problems.Add($"expected code {code}, got {poison.Code}");
        }

        if (poison.Attempts > 1)
        {
            problems.Add($"parked after {poison.Attempts} attempts: bad input is parked at once, not retried");
        }

        return new HostileCaseResult(hostile, "poison:" + poison.Code, problems);
    }
}
