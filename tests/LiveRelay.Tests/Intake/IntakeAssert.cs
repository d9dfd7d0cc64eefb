using LiveRelay.Intake.Results;

namespace LiveRelay.Tests.Intake;

internal static class IntakeAssert
{
    public static IntakeAccepted Accepted(IntakeResult result) =>
        result as IntakeAccepted ?? throw new Xunit.Sdk.XunitException($"Expected accepted, got {result}");

    public static IntakeRejected Rejected(IntakeResult result, IntakeRejectionKind kind)
    {
        var rejected = result as IntakeRejected ?? throw new Xunit.Sdk.XunitException($"Expected {kind}, got {result}");
        Assert.True(rejected.Kind == kind, $"Expected {kind}, got {rejected}");
        return rejected;
    }

    public static IntakeIgnored Ignored(IntakeResult result) =>
        result as IntakeIgnored ?? throw new Xunit.Sdk.XunitException($"Expected ignored, got {result}");
}
