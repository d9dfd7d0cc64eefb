using Azure.Data.Tables;
using LiveRelay.Delivery.Ledger;
using LiveRelay.Testing;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Delivery.Ledger;

/// <summary>The Table Storage ledger against Azurite's table service, on a manual clock.</summary>
public sealed class TableDeliveryLedgerTests(AzuriteTableService azurite) : IClassFixture<AzuriteTableService>
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private TableDeliveryLedger Ledger(TableClient table) => new(table, Options.Create(new DeliveryLedgerOptions { Retention = Retention }), _clock);

    [Fact]
    public async Task Two_instances_share_what_was_delivered_and_any_id_makes_a_valid_key()
    {
        var table = azurite.Table("ledger" + Guid.NewGuid().ToString("N")[..12]);
        var one = Ledger(table);
        var other = Ledger(table);
        const string awkward = "shop/evt#1?x\\y";

        await one.RecordAsync(awkward);

        Assert.True(await other.WasDeliveredAsync(awkward));
        Assert.False(await other.WasDeliveredAsync("shop/evt#2"));
    }

    [Fact]
    public async Task An_id_is_found_for_the_retention_and_its_bucket_is_deleted_whole_after_twice_it()
    {
        var table = azurite.Table("ledger" + Guid.NewGuid().ToString("N")[..12]);
        var ledger = Ledger(table);
        for (var i = 0; i < 150; i++)
        {
            await ledger.RecordAsync($"old-{i}");
        }

        _clock.Advance(Retention - TimeSpan.FromSeconds(1));
        var withinRetention = await ledger.WasDeliveredAsync("old-7");
        _clock.Advance(Retention + TimeSpan.FromSeconds(2));
        var afterTwice = await ledger.WasDeliveredAsync("old-7");

        // The first record in a new bucket cleans up: every entity of the old bucket goes (two transactions' worth).
        await ledger.RecordAsync("new-1");

        Assert.True(withinRetention);
        Assert.False(afterTwice);
        var left = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            left.Add(entity.PartitionKey);
        }

        Assert.Single(left);
        Assert.True(await ledger.WasDeliveredAsync("new-1"));
    }
}
