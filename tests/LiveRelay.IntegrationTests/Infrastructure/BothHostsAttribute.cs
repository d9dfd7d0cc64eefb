using System.Reflection;
using Xunit.Sdk;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// Runs a theory once per <see cref="HostKind"/>, the kind first and then <paramref name="arguments"/>: the same case
/// against the standalone host and against the Functions app.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class BothHostsAttribute(params object?[]? arguments) : DataAttribute
{
    public IReadOnlyList<object?> Arguments { get; } = arguments ?? [null];

    public override IEnumerable<object?[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<HostKind>().Select(kind => (object?[])[kind, .. Arguments]);
}
