using Microsoft.Extensions.Logging;

namespace LiveRelay.FunctionsHost;

/// <summary>One log the worker sent over the RPC stream (<c>RpcLog</c>).</summary>
public sealed record WorkerLogEntry(LogLevel Level, string Category, string Message, string? Exception, string? InvocationId)
{
    public override string ToString() =>
        $"[worker {Level}] {Category}: {Message}{(Exception is null ? string.Empty : " " + Exception)}";
}
