using System.Reflection;

namespace LiveRelay.Tests.Deployment;

/// <summary>The assemblies whose settings and queue names the deployment must match, loaded by name so no type rename breaks the tests.</summary>
internal static class LiveRelayAssemblies
{
    public static IReadOnlyList<Assembly> Load() =>
    [
        Assembly.Load(new AssemblyName("LiveRelay")),
        Assembly.Load(new AssemblyName("LiveRelay.AlibabaCloud")),
    ];

    public static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }
}
