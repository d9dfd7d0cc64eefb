using LiveRelay.Intake.Results;

namespace LiveRelay.Tests.Intake.Mapping;

/// <summary>LiveRelay:Intake:MaxBytesPerEvent bounds the content a fan-out may copy, not only the number of messages.</summary>
public sealed class ByteLimitTests
{
    private const string Sources = """
        { "s": { "Verification": { "Scheme": "none" }, "EventId": { "Path": "$.id" },
                 "Rules": [ { "Name": "copies", "Kind": "user", "ForEach": "$.to",
                              "Parameters": { "AppId": "a", "ReceiverId": "{@}", "SenderId": "bot", "Body": "{$.text}" } } ] } }
        """;

    private static string Event(int recipients, int textLength) =>
        $$"""{"id":"e1","to":[{{string.Join(',', Enumerable.Range(0, recipients).Select(static i => $"\"u{i}\""))}}],"text":"{{new string('x', textLength)}}"}""";

    [Fact]
    public async Task A_fan_out_past_the_byte_limit_is_a_413_naming_the_limit()
    {
        var host = new IntakeTestHost(Sources, limits: static o => o.MaxBytesPerEvent = 100_000);

        var rejected = IntakeAssert.Rejected(await host.PostAsync("s", Event(recipients: 10, textLength: 15_000)), IntakeRejectionKind.PayloadTooLarge);

        Assert.Equal(413, rejected.Status);
        Assert.Contains("LiveRelay:Intake:MaxBytesPerEvent", rejected.Detail, StringComparison.Ordinal);
        Assert.Contains("100000 bytes", rejected.Detail, StringComparison.Ordinal);
        Assert.Contains("at message 7", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fan_out_within_the_byte_limit_is_accepted()
    {
        var host = new IntakeTestHost(Sources, limits: static o => o.MaxBytesPerEvent = 100_000);

        var accepted = IntakeAssert.Accepted(await host.PostAsync("s", Event(recipients: 6, textLength: 15_000)));

        Assert.Equal(6, accepted.Envelopes.Count);
    }
}
