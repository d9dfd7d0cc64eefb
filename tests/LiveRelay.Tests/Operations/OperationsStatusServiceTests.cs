using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Messages;
using LiveRelay.Operations;
using LiveRelay.Operations.Status;
using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;
using LiveRelay.Testing;
using LiveRelay.Tests.Delivery.Fleet;
using LiveRelay.Tests.Delivery.Support;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Operations;

public sealed class OperationsStatusServiceTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_snapshot_has_each_operations_configured_limit_and_share_calls_per_second_and_every_backlog()
    {
        using var pacing = new DeliveryPacing(Options.Create(new DeliveryOptions { SendMessageToGroup = 120, SendLiveMessageUser = 35 }), _clock);
        var queues = new InMemoryMessageQueueFactory(_clock);
        var poison = queues.GetQueue(QueueNames.PoisonQueueFor(QueueNames.LiveMessages));
        await poison.CreateIfNotExistsAsync();
        await poison.SendAsync("one");
        await poison.SendAsync("two");
        var work = queues.GetQueue(QueueNames.LiveEvents);
        await work.CreateIfNotExistsAsync();
        await work.SendAsync("event");
        var activity = new DeliveryActivity(_clock);
        activity.RecordCall(MessageKind.User);
        activity.RecordCall(MessageKind.User);
        var envelope = TestEnvelopes.User();
        activity.RecordOutcome(envelope, new Delivered("req-1", envelope.Id, 2));
        _clock.Advance(TimeSpan.FromSeconds(1));

        var status = await new OperationsStatusService(activity, pacing, queues, _clock).GetAsync();

        Assert.Equal(_clock.GetUtcNow(), status.GeneratedAt);
        Assert.Equal([LiveApiActions.SendMessageToGroup, LiveApiActions.SendLiveMessageUser], status.Operations.Select(static o => o.Name));
        var group = status.Operations[0];
        var user = status.Operations[1];
        Assert.Equal((120d, 120d, 120d), (group.Limit, group.Share, group.PacedRate));
        Assert.Equal((35d, 35d), (user.Limit, user.Share));
        Assert.Equal(FleetStatus.Alone, user.Fleet);
        Assert.Equal(2, user.CallsPerSecond[^1]);
        Assert.Equal(2, user.TotalCalls);
        Assert.Equal(0, group.CallsPerSecond.Sum());
        Assert.Equal(
            [
                new QueueBacklog(QueueNames.LiveEvents, false, 1),
                new QueueBacklog("live-events-poison", true, 0),
                new QueueBacklog(QueueNames.LiveMessages, false, 0),
                new QueueBacklog("live-messages-poison", true, 2),
            ],
            status.Queues);
        Assert.Equal(envelope.Id, Assert.Single(status.RecentDeliveries).MessageId);
        Assert.Empty(status.RecentFailures);
        Assert.Equal(new DeliveryTotals(2, 1, 0, 0), status.Totals);
    }

    [Fact]
    public async Task With_a_fleet_coordinator_the_share_and_the_senders_are_what_the_coordinator_granted()
    {
        var store = new InMemoryFleetShareStore();
        await using var first = new FleetProcess(store, _clock);
        await using var second = new FleetProcess(store, _clock);
        first.AddDemand(1);
        second.AddDemand(1);
        await first.Coordinator.RenewAsync();
        await second.Coordinator.RenewAsync();
        await first.Coordinator.RenewAsync();

        var status = await new OperationsStatusService(new DeliveryActivity(_clock), first.Pacing, new InMemoryMessageQueueFactory(_clock), _clock, first.Coordinator).GetAsync();

        var group = status.Operations[0];
        Assert.Equal(100, group.Limit);
        Assert.Equal(50, group.Share, 3);
        Assert.Equal(new FleetStatus(store.Description, 2, false), group.Fleet);
        Assert.Equal(1, group.Demand);
    }

    [Fact]
    public async Task A_queue_service_that_fails_shows_its_error_code_instead_of_a_count()
    {
        using var pacing = new DeliveryPacing(Options.Create(new DeliveryOptions()), _clock);

        var status = await new OperationsStatusService(new DeliveryActivity(_clock), pacing, new FailingQueues(), _clock).GetAsync();

        Assert.All(status.Queues, static q => Assert.Equal((null, QueueErrorCodes.AuthenticationFailed), (q.ApproximateCount, q.Error)));
        Assert.Equal((100d, 50d), (status.Operations[0].Limit, status.Operations[1].Limit));
    }

    [Fact]
    public void The_status_json_is_camel_case_and_never_cached()
    {
        var status = new OperationsStatus(
            _clock.GetUtcNow(),
            [new OperationStatus("SendLiveMessageUser", 50, 25, 20, 3, new FleetStatus("memory", 2, true), [0, 4], 4)],
            [new QueueBacklog("live-messages-poison", true, 1)],
            new DeliveryTotals(4, 3, 0, 1),
            [],
            [new DeliveryRecord(1, _clock.GetUtcNow(), "SendLiveMessageUser", "rejected", "m1", "e1", "orders", "app", "u1", 1, Code: "ResourceNotExist", Reason: "No app.")]);

        var response = OperationsResponses.Status(status);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        var operation = root.GetProperty("operations")[0];
        Assert.Equal(25, operation.GetProperty("share").GetDouble());
        Assert.Equal(20, operation.GetProperty("pacedRate").GetDouble());
        Assert.Equal(2, operation.GetProperty("fleet").GetProperty("senders").GetInt32());
        Assert.True(operation.GetProperty("fleet").GetProperty("onFallback").GetBoolean());
        Assert.Equal(4, operation.GetProperty("callsPerSecond")[1].GetInt32());
        Assert.Equal(1, root.GetProperty("queues")[0].GetProperty("approximateCount").GetInt32());
        Assert.Equal(1, root.GetProperty("totals").GetProperty("rejected").GetInt64());
        var failure = root.GetProperty("recentFailures")[0];
        Assert.Equal("ResourceNotExist", failure.GetProperty("code").GetString());
        Assert.Equal("u1", failure.GetProperty("target").GetString());
        Assert.False(failure.TryGetProperty("requestId", out _));
    }

    [Fact]
    public void The_page_is_self_contained_and_runs_only_its_own_inline_script_and_style()
    {
        var response = OperationsResponses.Page();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        var policy = response.Headers["Content-Security-Policy"].Split("; ");
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Matches("^script-src 'sha256-[A-Za-z0-9+/]{43}='$", Assert.Single(policy, static p => p.StartsWith("script-src", StringComparison.Ordinal)));
        Assert.Matches("^style-src 'sha256-[A-Za-z0-9+/]{43}='$", Assert.Single(policy, static p => p.StartsWith("style-src", StringComparison.Ordinal)));
        Assert.DoesNotContain("unsafe", response.Headers["Content-Security-Policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
        var html = System.Text.Encoding.UTF8.GetString(response.Body.Span);
        Assert.DoesNotMatch(@"\s(src|href)\s*=", html);
        Assert.DoesNotMatch(@"@import|url\(", html);
        Assert.Contains("X-LiveRelay-Admin-Key", html, StringComparison.Ordinal);
        Assert.Contains("sessionStorage", html, StringComparison.Ordinal);
    }

    private sealed class FailingQueues : IMessageQueueFactory
    {
        public IMessageQueue GetQueue(string name) => new FailingQueue(name);
    }

    private sealed class FailingQueue(string name) : IMessageQueue
    {
        public string Name => name;

        public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) =>
            throw new MessageQueueException(name, "Count", QueueErrorCodes.AuthenticationFailed, "Server failed to authenticate the request.");

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<UpdateReceipt> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
