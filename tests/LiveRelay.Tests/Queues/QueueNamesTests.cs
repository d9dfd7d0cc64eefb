using LiveRelay.Queues;

namespace LiveRelay.Tests.Queues;

public sealed class QueueNamesTests
{
    [Theory]
    [InlineData("live-events")]
    [InlineData("live-messages-poison")]
    [InlineData("abc")]
    [InlineData("a1-b2-c3")]
    public void Valid_names_pass(string name) => Assert.True(QueueNames.IsValid(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ab", "3 to 63")]
    [InlineData("Live-Events", "lowercase")]
    [InlineData("-live", "start and end")]
    [InlineData("live-", "start and end")]
    [InlineData("live--events", "single hyphens")]
    [InlineData("live_events", "single hyphens")]
    public void Invalid_names_are_refused_saying_which_rule(string name, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => QueueNames.Validate(name));
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_poison_queue_is_the_name_with_a_poison_suffix_and_must_itself_be_valid()
    {
        Assert.Equal("live-messages-poison", QueueNames.PoisonQueueFor(QueueNames.LiveMessages));
        Assert.Equal("live-events-poison", QueueNames.PoisonQueueFor(QueueNames.LiveEvents));
        Assert.Throws<ArgumentException>(() => QueueNames.PoisonQueueFor(new string('a', 60)));
    }
}
