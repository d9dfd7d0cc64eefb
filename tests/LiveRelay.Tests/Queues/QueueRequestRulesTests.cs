using System.Text;
using LiveRelay.Queues;

namespace LiveRelay.Tests.Queues;

/// <summary>
/// The text check scans in bulk and looks closely only from the first character outside U+0020..U+D7FF, and counts
/// UTF-8 bytes only when the text could be too large: these cases sit on both sides of each shortcut.
/// </summary>
public sealed class QueueRequestRulesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("eyJ2IjoxfQ==")]
    [InlineData("tab\there\r\nand lines")]
    [InlineData("中文 <&> \ud7ff \ue000 \ufffd")]
    [InlineData("prefix then a pair 😀 and more")]
    [InlineData("😀")]
    public void Text_XML_can_carry_passes(string text)
    {
        QueueRequestRules.ValidateText(text);
    }

    [Theory]
    [InlineData("bell\u0007", "U+0007 at index 4")]
    [InlineData("\u0000", "U+0000 at index 0")]
    [InlineData("not a character \ufffe", "U+FFFE at index 16")]
    [InlineData("\ufffffirst", "U+FFFF at index 0")]
    public void The_first_character_XML_cannot_carry_is_named(string text, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => QueueRequestRules.ValidateText(text));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    // Lone surrogates cannot travel through InlineData (test discovery turns them into U+FFFD).
    [Fact]
    public void A_lone_surrogate_is_named()
    {
        (string Text, string Named)[] cases =
        [
            ("after a pair \ud83d\ude00 a lone \ud800 high", "U+D800 at index 23"),
            ("a lone low \udc00", "U+DC00 at index 11"),
            ("ends in a high surrogate \ud83d", "U+D83D at index 25"),
            ("\ude00\ud83d reversed", "U+DE00 at index 0"),
        ];
        foreach (var (text, named) in cases)
        {
            var error = Assert.Throws<ArgumentException>(() => QueueRequestRules.ValidateText(text));
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_character_far_into_a_long_text_is_found()
    {
        var text = new string('A', 40_000) + "\u0001" + new string('B', 10);

        var error = Assert.Throws<ArgumentException>(() => QueueRequestRules.ValidateText(text));

        Assert.Contains("U+0001 at index 40000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('a', 65_536, true)]
    [InlineData('a', 65_537, false)]
    [InlineData('€', 21_845, true)] // 65,535 bytes: short enough to need no count
    [InlineData('€', 21_846, false)] // 65,538 bytes
    [InlineData('é', 32_768, true)] // 65,536 bytes, counted
    [InlineData('é', 32_769, false)]
    public void The_size_limit_is_in_UTF8_bytes(char c, int count, bool fits)
    {
        var text = new string(c, count);
        Assert.Equal(fits, Encoding.UTF8.GetByteCount(text) <= QueueLimits.MaxMessageBytes);

        if (fits)
        {
            QueueRequestRules.ValidateText(text);
        }
        else
        {
            var error = Assert.Throws<ArgumentException>(() => QueueRequestRules.ValidateText(text));
            Assert.Contains($"{Encoding.UTF8.GetByteCount(text)} bytes", error.Message, StringComparison.Ordinal);
        }
    }
}
