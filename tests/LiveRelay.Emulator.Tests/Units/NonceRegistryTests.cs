using LiveRelay.Emulator.Authentication;
using LiveRelay.Testing;

namespace LiveRelay.Emulator.Tests.Units;

public sealed class NonceRegistryTests
{
    [Fact]
    public void A_nonce_is_refused_again_for_the_same_key_until_its_window_has_passed()
    {
        var clock = new ManualTimeProvider();
        var registry = new NonceRegistry(clock);
        var keepUntil = clock.GetUtcNow().AddMinutes(15);

        Assert.True(registry.TryRegister("key1", "n1", keepUntil));
        Assert.False(registry.TryRegister("key1", "n1", keepUntil));
        Assert.True(registry.TryRegister("key2", "n1", keepUntil));
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.False(registry.TryRegister("key1", "n1", keepUntil));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(registry.TryRegister("key1", "n1", clock.GetUtcNow().AddMinutes(15)));
    }
}
