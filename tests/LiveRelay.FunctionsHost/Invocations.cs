using System.Security.Cryptography;
using LiveRelay.FunctionsHost.Rpc;

namespace LiveRelay.FunctionsHost;

/// <summary>Builds invocation requests as the host does: a fresh id, the trigger's input, its metadata and a trace context.</summary>
internal static class Invocations
{
    public static InvocationRequest Create(IndexedFunction function, TypedData trigger, IEnumerable<KeyValuePair<string, TypedData>> metadata)
    {
        var invocation = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = function.FunctionId,

            // The worker reads the invocation's Activity from it and fails the invocation without one.
            TraceContext = new RpcTraceContext
            {
                TraceParent = $"00-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01",
            },
        };
        invocation.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = trigger });
        foreach (var (name, value) in metadata)
        {
            invocation.TriggerMetadata[name] = value;
        }

        return invocation;
    }

    /// <summary>Why an invocation failed, as the worker reported it.</summary>
    public static string Describe(StatusResult? result) =>
        result?.Exception is { } exception ? $"{exception.Message}\n{exception.StackTrace}" : result?.Result ?? "no result";
}
