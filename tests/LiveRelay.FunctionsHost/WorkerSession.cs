using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using LiveRelay.FunctionsHost.Rpc;
using Microsoft.Extensions.Logging;

namespace LiveRelay.FunctionsHost;

/// <summary>
/// The host's end of one worker's event stream: what the host sends goes out in order, replies are matched to their
/// request by request id (invocations by invocation id), and the worker's logs are kept and passed on. Every wait is
/// bounded and ends early, with the worker's output, when the worker process exits.
/// </summary>
internal sealed class WorkerSession
{
    private const int MaxKeptLogs = 100_000;

    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WorkerLogEntry> _logs = new();
    private readonly TaskCompletionSource<StartStream> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<string>? _output;
    private WorkerProcess? _process;

    public WorkerSession(Action<string>? output) => _output = output;

    public IReadOnlyCollection<WorkerLogEntry> Logs => _logs;

    public void Attach(WorkerProcess process) => _process = process;

    /// <summary>Runs the stream the worker opened until either side ends it.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        var writing = WriteAsync(responses, cancellationToken);
        try
        {
            while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Receive(requests.Current);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The worker went away; the waits report it through the process.
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            await writing.ConfigureAwait(false);
        }
    }

    public Task<StartStream> WaitForStartAsync(TimeSpan timeout) => WaitAsync(_started.Task, timeout, "StartStream");

    /// <summary>Sends a request and waits for the worker's reply with the same request id.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.RequestId = string.IsNullOrEmpty(request.RequestId) ? Guid.NewGuid().ToString() : request.RequestId;
        var reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.RequestId] = reply;
        try
        {
            Send(request);
            return await WaitAsync(reply.Task, timeout, request.ContentCase.ToString()).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(request.RequestId, out _);
        }
    }

    /// <summary>Sends an invocation and waits for its response.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest invocation, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var response = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[invocation.InvocationId] = response;
        try
        {
            Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = invocation });
            return await WaitAsync(response.Task, timeout, $"the invocation of function {invocation.FunctionId}").ConfigureAwait(false);
        }
        finally
        {
            _invocations.TryRemove(invocation.InvocationId, out _);
        }
    }

    public void Send(StreamingMessage message) => _outgoing.Writer.TryWrite(message);

    private async Task<T> WaitAsync<T>(Task<T> reply, TimeSpan timeout, string what)
    {
        var exited = _process?.Exited ?? Task.Delay(Timeout.Infinite);
        var finished = await Task.WhenAny(reply, exited, Task.Delay(timeout)).ConfigureAwait(false);
        if (finished == reply)
        {
            return await reply.ConfigureAwait(false);
        }

        var cause = finished == exited ? "the worker process exited" : $"no answer within {timeout.TotalSeconds:0} s (the worker hangs)";
        throw new WorkerFailedException($"Waiting for {what}: {cause}. {_process?.Describe()}");
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await responses.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
            // The stream ended while a message was going out.
        }
    }

    private void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Keep(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryGetValue(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }

                break;
            default:
                if (_pending.TryGetValue(message.RequestId, out var reply))
                {
                    reply.TrySetResult(message);
                }

                break;
        }
    }

    private void Keep(RpcLog log)
    {
        var entry = new WorkerLogEntry(
            (LogLevel)(int)log.Level,
            log.Category,
            log.Message,
            log.Exception is null ? null : $"{log.Exception.Message}\n{log.Exception.StackTrace}",
            string.IsNullOrEmpty(log.InvocationId) ? null : log.InvocationId);
        if (_logs.Count < MaxKeptLogs)
        {
            _logs.Enqueue(entry);
        }

        _output?.Invoke(entry.ToString());
    }
}
