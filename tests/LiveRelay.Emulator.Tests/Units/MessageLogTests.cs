using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.Emulator.Messages;
using LiveRelay.Emulator.Settings;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Tests.Units;

public sealed class MessageLogTests
{
    [Fact]
    public void Past_its_capacity_the_log_drops_the_oldest_messages()
    {
        var options = new EmulatorOptions { MaxRecordedMessages = 3 };
        var log = new MessageLog(Options.Create(options));

        for (var i = 0; i < 5; i++)
        {
            log.Add(new RecordedMessage(
                "SendLiveMessageUser", new Dictionary<string, string> { ["MsgTid"] = $"m{i}" }, DateTimeOffset.UnixEpoch, $"r{i}", $"m{i}", "k", SignatureVersion.V3));
        }

        Assert.Equal(["r2", "r3", "r4"], log.Find(new MessageFilter()).Select(static m => m.RequestId));
    }
}
