using System.Diagnostics;
using System.Text;

namespace LiveRelay.Testing;

/// <summary>Runs the Node.js tools in tests/node (installed by the test command with npm ci).</summary>
public static class NodeScript
{
    public static async Task<string> RunAsync(string script, string input, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(RepoPaths.NodeTools, script);
        if (!Directory.Exists(Path.Combine(RepoPaths.NodeTools, "node_modules")))
        {
            throw new InvalidOperationException("tests/node/node_modules is missing: run ./test.sh, or 'npm ci --prefix tests/node'.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.NodeTools,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
        process.StandardInput.Close();

        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in time.");
        }

        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        }

        return output;
    }
}
