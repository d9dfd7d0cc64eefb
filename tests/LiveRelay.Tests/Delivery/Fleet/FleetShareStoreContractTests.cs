using Azure.Data.Tables;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Testing;
using LiveRelay.Tests.Queues;

namespace LiveRelay.Tests.Delivery.Fleet;

/// <summary>What the coordinator relies on from a store: a whole record read with its version, and a replace that fails when someone wrote since.</summary>
public abstract class FleetShareStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract IFleetShareStore NewStore();

    [Fact]
    public async Task An_operation_without_a_record_reads_empty_and_the_first_write_creates_it()
    {
        var store = NewStore();

        var empty = await store.ReadAsync("SendMessageToGroup");
        Assert.Empty(empty.State.Holders);
        Assert.Null(empty.ETag);

        var state = new FleetShareState([new FleetShareHolder("a", 24, 100, T0)], T0.AddSeconds(2));
        Assert.True(await store.TryReplaceAsync("SendMessageToGroup", state, null));

        var read = await store.ReadAsync("SendMessageToGroup");
        Assert.Equal(state.Holders, read.State.Holders);
        Assert.Equal(state.PausedUntil, read.State.PausedUntil);
        Assert.NotNull(read.ETag);
        Assert.Null((await store.ReadAsync("SendLiveMessageUser")).ETag);
    }

    [Fact]
    public async Task A_replace_from_a_stale_read_fails_and_changes_nothing()
    {
        var store = NewStore();
        Assert.True(await store.TryReplaceAsync("SendLiveMessageUser", new FleetShareState([new FleetShareHolder("a", 1, 50, T0)]), null));
        var stale = await store.ReadAsync("SendLiveMessageUser");
        Assert.True(await store.TryReplaceAsync("SendLiveMessageUser", new FleetShareState([new FleetShareHolder("b", 1, 50, T0)]), stale.ETag));

        Assert.False(await store.TryReplaceAsync("SendLiveMessageUser", new FleetShareState([new FleetShareHolder("c", 1, 50, T0)]), stale.ETag));
        Assert.False(await store.TryReplaceAsync("SendLiveMessageUser", FleetShareState.Empty, null));

        Assert.Equal("b", Assert.Single((await store.ReadAsync("SendLiveMessageUser")).State.Holders).ProcessId);
    }

    [Fact]
    public async Task Concurrent_read_modify_write_loses_no_update()
    {
        var store = NewStore();
        const int Writers = 6;
        const int EachWrites = 5;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < EachWrites; i++)
            {
                while (true)
                {
                    var snapshot = await store.ReadAsync("SendMessageToGroup");
                    var next = snapshot.State with { Holders = [.. snapshot.State.Holders, new FleetShareHolder($"w{w}-{i}", 1, 0, T0)] };
                    if (await store.TryReplaceAsync("SendMessageToGroup", next, snapshot.ETag))
                    {
                        break;
                    }
                }
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Writers * EachWrites, (await store.ReadAsync("SendMessageToGroup")).State.Holders.Select(h => h.ProcessId).Distinct().Count());
    }
}

public sealed class InMemoryFleetShareStoreTests : FleetShareStoreContractTests
{
    protected override IFleetShareStore NewStore() => new InMemoryFleetShareStore();
}

[Collection(AzuriteCollection.Name)]
public sealed class TableFleetShareStoreTests(AzuriteFixture azurite) : FleetShareStoreContractTests
{
    // A table per test, not created beforehand: the store makes it on first write, as a local run needs.
    protected override IFleetShareStore NewStore() =>
        new TableFleetShareStore(new TableServiceClient(azurite.Server.ConnectionString).GetTableClient($"pacing{Guid.NewGuid():N}"));

    [Fact]
    public async Task A_record_no_process_could_have_written_reads_as_empty_and_is_replaced()
    {
        var table = new TableServiceClient(azurite.Server.ConnectionString).GetTableClient($"pacing{Guid.NewGuid():N}");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity(TableFleetShareStore.PartitionKey, "SendMessageToGroup") { ["Holders"] = "[{\"processId\":\"x\",\"granted\":-5}]" });
        var store = new TableFleetShareStore(table);

        var read = await store.ReadAsync("SendMessageToGroup");

        Assert.Empty(read.State.Holders);
        Assert.True(await store.TryReplaceAsync("SendMessageToGroup", FleetShareState.Empty, read.ETag));
    }

    [Fact]
    public async Task Every_read_carries_the_table_services_time()
    {
        var store = NewStore();

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var empty = await store.ReadAsync("SendMessageToGroup");
        Assert.True(await store.TryReplaceAsync("SendMessageToGroup", FleetShareState.Empty, null));
        var read = await store.ReadAsync("SendMessageToGroup");
        var after = DateTimeOffset.UtcNow;

        // Azurite runs on this machine's clock; the Date header is to the second.
        Assert.All([empty.StoreTime, read.StoreTime], time => Assert.InRange(time!.Value, before, after));
    }
}
