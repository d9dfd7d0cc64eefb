namespace LiveRelay.FunctionsHost;

/// <summary>What the stand-in runs and how: the built app, its app settings, the function keys, where the worker's logs go.</summary>
public sealed class FunctionsHostOptions
{
    /// <summary>The Functions app's build output: <c>LiveRelay.Functions.dll</c>, <c>functions.metadata</c>, <c>host.json</c>.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>The worker assembly in <see cref="AppDirectory"/>.</summary>
    public string WorkerAssembly { get; init; } = "LiveRelay.Functions.dll";

    /// <summary>App settings, given to the worker as environment variables (<c>:</c> becomes <c>__</c>) and read by the stand-in (storage, host.json overrides).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Keys accepted for <c>authLevel: function</c> in <c>x-functions-key</c> or <c>?code=</c>. A real host always has keys: so must this one.</summary>
    public IReadOnlyCollection<string> FunctionKeys { get; init; } = [];

    /// <summary>Every worker log line and process output line, as it arrives (e.g. to the test output).</summary>
    public Action<string>? Output { get; init; }

    /// <summary>Start-up to the last function loaded: past it, the worker is reported as hung and killed.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>One invocation: past it, the worker is reported as hung.</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
