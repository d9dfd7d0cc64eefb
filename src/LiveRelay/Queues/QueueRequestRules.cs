using System.Text;

namespace LiveRelay.Queues;

/// <summary>Argument rules every <see cref="IMessageQueue"/> applies before doing anything, so both implementations refuse the same calls.</summary>
internal static class QueueRequestRules
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void ValidateText(string text, string paramName = "text")
    {
        ArgumentNullException.ThrowIfNull(text, paramName);

        // Queue texts are almost always base64 or plain JSON: one vectorized scan finds the first character that needs a
        // closer look (outside U+0020..U+D7FF), and the loop starts there.
        var first = text.AsSpan().IndexOfAnyExceptInRange('\u0020', '\uD7FF');
        for (var i = first < 0 ? text.Length : first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!IsXmlChar(c))
            {
                throw new ArgumentException(
                    $"The message text has a character XML cannot carry (U+{(int)c:X4} at index {i}); encode such content as base64.", paramName);
            }
        }

        // At most three UTF-8 bytes per UTF-16 character (a surrogate pair is four bytes for two), so a short text needs no count.
        if ((long)text.Length * 3 <= QueueLimits.MaxMessageBytes)
        {
            return;
        }

        var bytes = StrictUtf8.GetByteCount(text);
        if (bytes > QueueLimits.MaxMessageBytes)
        {
            throw new ArgumentException(
                $"The message text is {bytes} bytes of UTF-8; a queue message holds at most {QueueLimits.MaxMessageBytes}.", paramName);
        }
    }

    /// <summary>Whole seconds, rounded up, within [min, max].</summary>
    public static int ToSeconds(TimeSpan value, TimeSpan min, TimeSpan max, string paramName)
    {
        var seconds = Math.Ceiling(value.TotalSeconds);
        if (value < min || seconds > max.TotalSeconds)
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, $"{paramName} must be between {min.TotalSeconds:0} and {max.TotalSeconds:0} seconds.");
        }

        return (int)seconds;
    }

    /// <summary>The send parameters in seconds: delay (0 when none) and time to live (-1 for never, null for the 7-day default).</summary>
    public static (int DelaySeconds, int? TtlSeconds) SendSeconds(TimeSpan? visibilityDelay, TimeSpan? timeToLive)
    {
        var delay = visibilityDelay is { } d
            ? ToSeconds(d, TimeSpan.Zero, QueueLimits.MaxVisibilityTimeout, "visibilityDelay")
            : 0;
        int? ttl = null;
        if (timeToLive is { } t)
        {
            if (t == Timeout.InfiniteTimeSpan)
            {
                ttl = -1;
            }
            else
            {
                ttl = ToSeconds(t, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(int.MaxValue), "timeToLive");
                if (delay >= ttl)
                {
                    throw new ArgumentOutOfRangeException(nameof(visibilityDelay), visibilityDelay, "visibilityDelay must be shorter than timeToLive.");
                }
            }
        }
        else if (delay >= QueueLimits.DefaultTimeToLive.TotalSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(visibilityDelay), visibilityDelay, "visibilityDelay must be shorter than the 7-day default time to live.");
        }

        return (delay, ttl);
    }

    public static int ReceiveCount(int maxMessages) =>
        maxMessages is >= 1 and <= QueueLimits.MaxMessagesPerReceive
            ? maxMessages
            : throw new ArgumentOutOfRangeException(nameof(maxMessages), maxMessages, $"maxMessages must be between 1 and {QueueLimits.MaxMessagesPerReceive}.");

    public static void ValidateReceipt(string messageId, string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
}
