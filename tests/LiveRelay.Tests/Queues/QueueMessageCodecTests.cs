using System.Text;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Tests.Queues;

public sealed class QueueMessageCodecTests
{
    [Theory]
    [InlineData("{\"v\":1}")]
    [InlineData("中文 🎉 <&>")]
    [InlineData("")]
    public void Base64_round_trips_any_text(string content)
    {
        var encoded = QueueMessageCodec.Encode(content, QueueMessageEncoding.Base64);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), encoded);
        Assert.Equal(content, QueueMessageCodec.Decode(encoded, QueueMessageEncoding.Base64));
    }

    [Fact]
    public void In_base64_mode_text_that_is_not_base64_of_UTF8_is_taken_as_it_is()
    {
        Assert.Equal("{\"plain\":true}", QueueMessageCodec.Decode("{\"plain\":true}", QueueMessageEncoding.Base64));
        var notUtf8 = Convert.ToBase64String([0xFF, 0xFE, 0xFD]);
        Assert.Equal(notUtf8, QueueMessageCodec.Decode(notUtf8, QueueMessageEncoding.Base64));
    }

    [Fact]
    public void None_leaves_text_alone_both_ways()
    {
        var base64 = Convert.ToBase64String("x"u8.ToArray());
        Assert.Equal("{\"a\":1}", QueueMessageCodec.Encode("{\"a\":1}", QueueMessageEncoding.None));
        Assert.Equal(base64, QueueMessageCodec.Decode(base64, QueueMessageEncoding.None));
    }
}
