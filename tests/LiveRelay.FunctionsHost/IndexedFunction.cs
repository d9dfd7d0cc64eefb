using LiveRelay.FunctionsHost.Rpc;

namespace LiveRelay.FunctionsHost;

/// <summary>A function as the worker indexed it, with its bindings read.</summary>
public sealed record IndexedFunction(string Name, string FunctionId, IReadOnlyList<FunctionBinding> Bindings)
{
    public FunctionBinding Trigger => Bindings.Single(static b => b.IsTrigger);

    public IEnumerable<FunctionBinding> Outputs => Bindings.Where(static b => b.IsOutput);

    internal static IndexedFunction From(RpcFunctionMetadata metadata) =>
        new(metadata.Name, metadata.FunctionId, [.. metadata.RawBindings.Select(FunctionBinding.Parse)]);
}
