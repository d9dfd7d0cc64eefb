using LiveRelay.Delivery.Ledger;
using LiveRelay.Testing;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Delivery.Ledger;

/// <summary>The in-memory ledger on a manual clock: remembered for the retention, forgotten and dropped after it.</summary>
public sealed class InMemoryDeliveryLedgerTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    [Fact]
    public async Task An_id_is_remembered_for_at_least_the_retention_and_dropped_within_twice_it()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var ledger = new InMemoryDeliveryLedger(Options.Create(new DeliveryLedgerOptions { Retention = Retention }), clock);

        await ledger.RecordAsync("m1");
        clock.Advance(Retention - TimeSpan.FromSeconds(1));
        var justBefore = await ledger.WasDeliveredAsync("m1");
        clock.Advance(Retention + TimeSpan.FromSeconds(2));
        var afterTwice = await ledger.WasDeliveredAsync("m1");
        await ledger.RecordAsync("m2");

        Assert.True(justBefore);
        Assert.False(afterTwice);
        Assert.False(await ledger.WasDeliveredAsync("never"));
        Assert.Equal(1, ledger.Count);
    }
}
