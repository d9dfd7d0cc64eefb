using LiveRelay.Emulator.Hosting;

namespace LiveRelay.Emulator;

/// <summary><c>dotnet run --project src/LiveRelay.Emulator -- --urls http://127.0.0.1:PORT</c>.</summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        await using var app = EmulatorApp.Build(args);
        await app.RunAsync().ConfigureAwait(false);
    }
}
