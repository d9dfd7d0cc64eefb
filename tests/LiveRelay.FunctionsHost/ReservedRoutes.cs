namespace LiveRelay.FunctionsHost;

/// <summary>
/// The Functions host keeps routes that start with <c>admin</c> or <c>runtime</c> for its own APIs, whatever the
/// routePrefix (azure-functions-host#1781, #3460): an HTTP function whose route (or, without one, whose name) starts
/// with either is left in error with "The specified route conflicts with one or more built in routes", and its URL
/// answers 404. The stand-in refuses to start instead, so a test catches it.
/// </summary>
public static class ReservedRoutes
{
    private static readonly string[] Prefixes = ["admin", "runtime"];

    /// <exception cref="WorkerFailedException">An HTTP function uses a reserved route.</exception>
    public static void Check(IEnumerable<IndexedFunction> httpFunctions)
    {
        ArgumentNullException.ThrowIfNull(httpFunctions);
        foreach (var function in httpFunctions)
        {
            var route = (function.Trigger.Route ?? function.Name).TrimStart('/');
            if (Prefixes.Any(prefix => route.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                throw new WorkerFailedException(
                    $"Function '{function.Name}' (route '{route}'): The specified route conflicts with one or more built in routes. " +
                    "The Functions host keeps routes that start with 'admin' or 'runtime' for its own APIs, whatever the routePrefix.");
            }
        }
    }
}
