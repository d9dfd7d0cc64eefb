using System.Diagnostics;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Deployment;

/// <summary>
/// infra/scripts/set-alibaba-access-key.sh, run with a stand-in for az that records what it is asked to do:
/// the pair is written ID first, the secret tagged with the ID's new version, and never passed as an argument.
/// </summary>
public sealed class AccessKeyScriptTests : IDisposable
{
    private const string IdVersion = "0123456789abcdef0123456789abcdef";

    // Records each call's arguments (one per line, then a blank line) and the content of the --file it was given;
    // answers `--query id` like Key Vault does, with the new version at the end of the secret id.
    private const string FakeAz = """
        #!/usr/bin/env bash
        set -euo pipefail
        log="$FAKE_AZ_LOG"
        args=("$@")
        for ((i = 0; i < ${#args[@]}; i++)); do
          printf 'arg:%s\n' "${args[i]}" >> "$log"
          if [[ ${args[i]} == --file ]]; then printf 'file:%s\n' "$(cat "${args[i + 1]}")" >> "$log"; fi
        done
        printf '\n' >> "$log"
        if [[ " $* " == *" --query id "* ]]; then
          name=$(printf '%s\n' "$@" | awk 'prev == "--name" { print; exit } { prev = $0 }')
          printf 'https://kv-test.vault.azure.net/secrets/%s/%s\n' "$name" "${FAKE_AZ_VERSION}"
        fi
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("liverelay-akscript-").FullName;

    [Fact]
    public async Task Writes_the_id_then_the_secret_tagged_with_the_ids_new_version()
    {
        var result = await RunAsync("LTAI5tExampleKeyId01\nExampleSecret0123456789abcdefgh\n", IdVersion);

        Assert.Equal(0, result.ExitCode);
        var calls = result.AzCalls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(["keyvault", "secret", "set", "--vault-name", "kv-test", "--name", "relay-id"], calls[0].Args.Take(7));
        Assert.Equal("LTAI5tExampleKeyId01", calls[0].File);
        Assert.Equal(["keyvault", "secret", "set", "--vault-name", "kv-test", "--name", "relay-secret"], calls[1].Args.Take(7));
        Assert.Equal("ExampleSecret0123456789abcdefgh", calls[1].File);
        Assert.Contains($"accessKeyIdVersion={IdVersion}", calls[1].Args);
        Assert.DoesNotContain(calls.SelectMany(c => c.Args), a => a.Contains("LTAI5tExampleKeyId01", StringComparison.Ordinal) || a.Contains("ExampleSecret", StringComparison.Ordinal));
        Assert.Contains(IdVersion, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ExampleSecret", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LTAI5tExampleKeyId01\n\n")]
    [InlineData("LTAI5tExampleKeyId01\r\nExampleSecret0123456789abcdefgh\r\n")]
    [InlineData("")]
    public async Task Refuses_an_empty_or_mangled_pair_without_touching_the_vault(string input)
    {
        var result = await RunAsync(input, IdVersion);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.AzCalls);
        Assert.Contains("letters and digits", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaves_the_secret_alone_when_the_vault_returns_no_id_version()
    {
        var result = await RunAsync("LTAI5tExampleKeyId01\nExampleSecret0123456789abcdefgh\n", "not-a-version");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.AzCalls);
        Assert.Contains("was not changed", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<ScriptResult> RunAsync(string input, string version)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_directory, "bin")).FullName;
        var az = Path.Combine(bin, "az");
        await File.WriteAllTextAsync(az, FakeAz.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var log = Path.Combine(_directory, "az.log");
        File.Delete(log);

        var start = new ProcessStartInfo("bash", [RepoPaths.InRepo("infra", "scripts", "set-alibaba-access-key.sh")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Only the stand-in az and the basic tools; no azd, so every name comes from these variables.
        start.Environment["PATH"] = $"{bin}:/usr/bin:/bin";
        start.Environment["FAKE_AZ_LOG"] = log;
        start.Environment["FAKE_AZ_VERSION"] = version;
        start.Environment["AZURE_KEY_VAULT_NAME"] = "kv-test";
        start.Environment["LIVERELAY_ACCESS_KEY_ID_SECRET_NAME"] = "relay-id";
        start.Environment["LIVERELAY_ACCESS_KEY_SECRET_SECRET_NAME"] = "relay-secret";

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ScriptResult(process.ExitCode, await output, await error, ReadCalls(log));
    }

    private static List<AzCall> ReadCalls(string log) =>
        !File.Exists(log)
            ? []
            : File.ReadAllText(log).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(block => block.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                .Select(lines => new AzCall(
                    [.. lines.Where(l => l.StartsWith("arg:", StringComparison.Ordinal)).Select(l => l[4..])],
                    lines.FirstOrDefault(l => l.StartsWith("file:", StringComparison.Ordinal))?[5..]))
                .ToList();

    private sealed record AzCall(IReadOnlyList<string> Args, string? File);

    private sealed record ScriptResult(int ExitCode, string Output, string Error, List<AzCall> AzCalls);
}
