using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;

namespace LiveRelay.Tests.Intake.Mapping;

internal static class MappingHarness
{
    /// <summary>A host with one unsigned source "src" whose rules are <paramref name="rulesJson"/>.</summary>
    public static IntakeTestHost Host(string rulesJson, string extra = "", Action<LiveRelay.Intake.Configuration.IntakeOptions>? limits = null) =>
        new($$"""{ "src": { "Verification": { "Scheme": "none" }, {{extra}} "Rules": {{rulesJson}} } }""", limits: limits);

    public static async Task<IntakeAccepted> AcceptAsync(this IntakeTestHost host, string body, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        IntakeAssert.Accepted(await host.PostAsync("src", body, headers));

    public static SendLiveMessageUserRequest User(MessageEnvelope envelope) => ((UserLiveMessage)envelope.Message).Request;

    public static SendMessageToGroupRequest Group(MessageEnvelope envelope) => ((GroupLiveMessage)envelope.Message).Request;
}
