namespace LiveRelay.Emulator.Tests.Support;

/// <summary>Bounds for steps that wait on something other than an emulator call (which has its own timeouts).</summary>
internal static class TestContext
{
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
