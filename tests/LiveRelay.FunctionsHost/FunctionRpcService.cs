using Grpc.Core;
using LiveRelay.FunctionsHost.Rpc;

namespace LiveRelay.FunctionsHost;

/// <summary>The host's gRPC endpoint: the worker connects to it and opens the one event stream.</summary>
internal sealed class FunctionRpcService(WorkerSession session) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return session.RunAsync(requestStream, responseStream, context.CancellationToken);
    }
}
