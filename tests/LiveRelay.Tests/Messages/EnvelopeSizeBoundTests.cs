using System.Reflection;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Hosting;
using LiveRelay.Messages;
using LiveRelay.Queues;

namespace LiveRelay.Tests.Messages;

/// <summary>
/// The size check skips serializing an envelope when <see cref="MessageEnvelopeSerializer.MaxBytes"/> says it fits, so
/// the bound must never be below the real size. Every member of both request types is filled by reflection with the
/// text that serializes longest, so a member added later and not counted by the bound fails here.
/// </summary>
public sealed class EnvelopeSizeBoundTests
{
    // Control characters, quotes, HTML-sensitive and non-ASCII characters: each is written escaped, up to six bytes.
    private static readonly string Worst = string.Concat(Enumerable.Repeat("\u0001\"\\<>&'+é中\u2028", 60));

    private static readonly DateTimeOffset LongestDate = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(-13)).AddTicks(9_999_999);

    [Theory]
    [InlineData(typeof(SendMessageToGroupRequest))]
    [InlineData(typeof(SendLiveMessageUserRequest))]
    public void The_bound_covers_every_member_filled_with_the_longest_text(Type requestType)
    {
        var envelope = Envelope(Fill(requestType, Worst), Worst);

        Assert.True(MessageEnvelopeSerializer.MaxBytes(envelope) >= MessageEnvelopeSerializer.MeasureBytes(envelope));
    }

    [Theory]
    [InlineData(typeof(SendMessageToGroupRequest))]
    [InlineData(typeof(SendLiveMessageUserRequest))]
    public void Each_member_alone_is_counted(Type requestType)
    {
        foreach (var property in requestType.GetProperties().Where(static p => p.PropertyType == typeof(string)))
        {
            var request = Fill(requestType, string.Empty);
            property.SetValue(request, Worst);
            var envelope = Envelope(request, "x");

            Assert.True(
                MessageEnvelopeSerializer.MaxBytes(envelope) >= MessageEnvelopeSerializer.MeasureBytes(envelope),
                $"{requestType.Name}.{property.Name} is not counted");
        }
    }

    [Theory]
    [InlineData(typeof(SendMessageToGroupRequest))]
    [InlineData(typeof(SendLiveMessageUserRequest))]
    public void The_allowance_covers_names_numbers_flags_and_the_date(Type requestType)
    {
        var envelope = Envelope(Fill(requestType, string.Empty), string.Empty);

        Assert.True(MessageEnvelopeSerializer.MaxBytes(envelope) >= MessageEnvelopeSerializer.MeasureBytes(envelope));
    }

    // A lone surrogate cannot travel through InlineData (test discovery turns it into U+FFFD), hence one Fact.
    [Fact]
    public void Text_with_surrogates_gets_no_bound()
    {
        foreach (var text in new[] { "pair \ud83d\ude00", "lone \ud800", "\udc00 lone low" })
        {
            var envelope = Envelope(new SendMessageToGroupRequest { AppId = "a", GroupId = "g", OperatorUserId = "o", Data = text }, "x");

            Assert.Equal(long.MaxValue, MessageEnvelopeSerializer.MaxBytes(envelope));
        }
    }

    [Theory]
    [InlineData(48_800, false)] // under 49,152 bytes: 65,536 in base64, the most a queue message holds
    [InlineData(49_100, true)]
    [InlineData(12_000, false)] // its bound (six bytes a character) is past the limit, so it is measured, and fits
    public void The_check_still_finds_the_first_envelope_too_large_with_its_exact_size(int dataChars, bool tooLarge)
    {
        var small = Envelope(new SendMessageToGroupRequest { AppId = "a", GroupId = "g", OperatorUserId = "o", Data = "{}" }, "x");
        var large = Envelope(new SendMessageToGroupRequest { AppId = "a", GroupId = "g", OperatorUserId = "o", Data = new string('d', dataChars) }, "x");

        var found = QueueMessageFit.FindTooLarge([small, large, small]);

        var base64Bytes = ((MessageEnvelopeSerializer.MeasureBytes(large) + 2L) / 3) * 4;
        Assert.Equal(tooLarge, base64Bytes > QueueLimits.MaxMessageBytes);
        if (tooLarge)
        {
            Assert.NotNull(found);
            Assert.Same(large, found.Value.Envelope);
            Assert.Equal(base64Bytes, found.Value.Bytes);
        }
        else
        {
            Assert.Null(found);
        }
    }

    private static MessageEnvelope Envelope(object request, string text) => new(
        "m" + text,
        "s" + text,
        "e" + text,
        LongestDate,
        request is SendMessageToGroupRequest group ? LiveMessage.ToGroup(group) : LiveMessage.ToUser((SendLiveMessageUserRequest)request),
        "t" + text);

    // Strings get the text; numbers their longest value; flags false (longer than true).
    private static object Fill(Type requestType, string text)
    {
        var request = Activator.CreateInstance(requestType)!;
        foreach (var property in requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object? value = property.PropertyType switch
            {
                var t when t == typeof(string) => text,
                var t when t == typeof(int?) => int.MinValue,
                var t when t == typeof(long?) => long.MinValue,
                var t when t == typeof(bool?) => false,
                var t => throw new InvalidOperationException(
                    $"{requestType.Name}.{property.Name} is a {t.Name}: teach MessageEnvelopeSerializer.MaxBytes its longest form, then this test."),
            };
            property.SetValue(request, value);
        }

        return request;
    }
}
