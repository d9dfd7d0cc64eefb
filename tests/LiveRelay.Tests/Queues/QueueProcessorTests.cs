using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Queues;

/// <summary>
/// The processor's Functions-runtime semantics, run against the in-memory queue and against Azurite. Real time,
/// small host.json values (whole-second visibility timeouts, 200 ms polling) keep each test to a few seconds.
/// </summary>
public abstract class QueueProcessorTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    protected abstract IMessageQueueFactory Factory { get; }

    [Fact]
    public async Task Messages_are_handled_once_each_and_deleted()
    {
        var queue = await NewQueueAsync();
        var sent = Enumerable.Range(0, 20).Select(i => $"{{\"n\":{i}}}").ToList();
        foreach (var body in sent)
        {
            await queue.SendAsync(QueueMessageCodec.Encode(body, QueueMessageEncoding.Base64));
        }

        var handled = new ConcurrentBag<IncomingQueueMessage>();
        await using var running = Start(queue.Name, TestHostJson.Queues(batchSize: 8), (m, _) =>
        {
            handled.Add(m);
            return Task.FromResult(QueueMessageDisposition.Completed);
        });

        await TestQueues.WaitUntilAsync(() => handled.Count >= 20, Bound, "20 messages handled");
        await TestQueues.WaitUntilAsync(async () => await queue.GetApproximateCountAsync() == 0, Bound, "the queue to empty");

        Assert.Equal(sent.Order(), handled.Select(m => m.Body).Order());
        Assert.All(handled, m => Assert.Equal(1, m.DequeueCount));
        Assert.All(handled, m => Assert.Equal(queue.Name, m.QueueName));
        Assert.Equal(20, handled.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Base64_and_plain_messages_are_both_accepted_in_base64_mode()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(QueueMessageCodec.Encode("{\"encoded\":\"base64 ✓\"}", QueueMessageEncoding.Base64));
        await queue.SendAsync("{\"encoded\":\"plain\"}");

        var handled = new ConcurrentBag<IncomingQueueMessage>();
        await using var running = Start(queue.Name, TestHostJson.Queues(messageEncoding: "base64"), (m, _) =>
        {
            handled.Add(m);
            return Task.FromResult(QueueMessageDisposition.Completed);
        });

        await TestQueues.WaitUntilAsync(() => handled.Count >= 2, Bound, "both messages handled");
        Assert.Equal(["{\"encoded\":\"base64 ✓\"}", "{\"encoded\":\"plain\"}"], handled.Select(m => m.Body).Order());
        Assert.Contains(handled, m => m.RawText != m.Body);
    }

    [Fact]
    public async Task Messages_are_passed_as_stored_when_messageEncoding_is_none()
    {
        var queue = await NewQueueAsync();
        var encoded = QueueMessageCodec.Encode("{\"a\":1}", QueueMessageEncoding.Base64);
        await queue.SendAsync(encoded);

        var handled = new ConcurrentBag<IncomingQueueMessage>();
        await using var running = Start(queue.Name, TestHostJson.Queues(messageEncoding: "none"), (m, _) =>
        {
            handled.Add(m);
            return Task.FromResult(QueueMessageDisposition.Completed);
        });

        await TestQueues.WaitUntilAsync(() => !handled.IsEmpty, Bound, "the message handled");
        Assert.Equal(encoded, Assert.Single(handled).Body);
    }

    [Fact]
    public async Task A_retried_message_comes_back_after_the_host_json_visibility_timeout()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(QueueMessageCodec.Encode("retry me", QueueMessageEncoding.Base64));
        var attempts = new ConcurrentQueue<(long DequeueCount, TimeSpan At)>();
        var clock = Stopwatch.StartNew();

        await using var running = Start(queue.Name, TestHostJson.Queues(visibilityTimeout: "00:00:01"), (m, _) =>
        {
            attempts.Enqueue((m.DequeueCount, clock.Elapsed));
            return Task.FromResult(m.DequeueCount == 1 ? QueueMessageDisposition.Retry("not yet") : QueueMessageDisposition.Completed);
        });

        await TestQueues.WaitUntilAsync(() => attempts.Count >= 2, Bound, "the second attempt");
        await TestQueues.WaitUntilAsync(async () => await queue.GetApproximateCountAsync() == 0, Bound, "the queue to empty");
        var list = attempts.ToList();
        Assert.Equal([1L, 2L], list.Select(a => a.DequeueCount));
        Assert.True(list[1].At - list[0].At >= TimeSpan.FromMilliseconds(900), $"came back after {(list[1].At - list[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_handler_asked_retry_delay_wins_over_the_host_json_visibility_timeout()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(QueueMessageCodec.Encode("later", QueueMessageEncoding.Base64));
        var attempts = new ConcurrentQueue<TimeSpan>();
        var clock = Stopwatch.StartNew();

        await using var running = Start(queue.Name, TestHostJson.Queues(visibilityTimeout: "00:00:00"), (m, _) =>
        {
            attempts.Enqueue(clock.Elapsed);
            return Task.FromResult(m.DequeueCount == 1
                ? QueueMessageDisposition.Retry("throttled", TimeSpan.FromSeconds(1), "Throttling")
                : QueueMessageDisposition.Completed);
        });

        await TestQueues.WaitUntilAsync(() => attempts.Count >= 2, Bound, "the second attempt");
        var list = attempts.ToList();
        Assert.True(list[1] - list[0] >= TimeSpan.FromMilliseconds(900), $"came back after {(list[1] - list[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_message_that_keeps_failing_moves_to_the_poison_queue_after_maxDequeueCount_attempts_with_its_reason()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync(QueueMessageCodec.Encode("{\"id\":\"always-busy\"}", QueueMessageEncoding.Base64));
        var attempts = new ConcurrentQueue<long>();

        await using var running = Start(queue.Name, TestHostJson.Queues(maxDequeueCount: 3), (m, _) =>
        {
            attempts.Enqueue(m.DequeueCount);
            return Task.FromResult(QueueMessageDisposition.Retry("upstream busy", code: "Throttling"));
        });

        var poison = await WaitForPoisonAsync(queue.Name);
        Assert.Equal([1L, 2L, 3L], attempts);
        Assert.Equal("Throttling", poison.Code);
        Assert.Contains("upstream busy", poison.Reason, StringComparison.Ordinal);
        Assert.Contains("3 attempts", poison.Reason, StringComparison.Ordinal);
        Assert.Equal(3, poison.Attempts);
        Assert.Equal(queue.Name, poison.Queue);
        Assert.Equal(sent.MessageId, poison.MessageId);
        Assert.Equal("{\"id\":\"always-busy\"}", poison.Message);
        await WaitForOriginalGoneAsync(queue);
    }

    [Fact]
    public async Task A_handler_exception_counts_as_a_failed_attempt()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(QueueMessageCodec.Encode("boom", QueueMessageEncoding.Base64));
        var attempts = 0;

        await using var running = Start(queue.Name, TestHostJson.Queues(maxDequeueCount: 2), (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("handler broke");
        });

        var poison = await WaitForPoisonAsync(queue.Name);
        Assert.Equal(2, attempts);
        Assert.Equal("HandlerException", poison.Code);
        Assert.Contains("InvalidOperationException: handler broke", poison.Reason, StringComparison.Ordinal);
        Assert.Equal("boom", poison.Message);
    }

    [Fact]
    public async Task A_poison_verdict_parks_the_message_at_once_without_using_retries()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(QueueMessageCodec.Encode("{\"v\":99}", QueueMessageEncoding.Base64));
        var attempts = 0;

        await using var running = Start(queue.Name, TestHostJson.Queues(maxDequeueCount: 5), (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            return Task.FromResult(QueueMessageDisposition.Poison("Envelope version 99 is not supported.", "InvalidEnvelope"));
        });

        var poison = await WaitForPoisonAsync(queue.Name);
        Assert.Equal(1, attempts);
        Assert.Equal("InvalidEnvelope", poison.Code);
        Assert.Equal("Envelope version 99 is not supported.", poison.Reason);
        Assert.Equal(1, poison.Attempts);
        Assert.Equal("{\"v\":99}", poison.Message);
        await WaitForOriginalGoneAsync(queue);
    }

    [Fact]
    public async Task A_message_handed_back_for_pacing_more_often_than_maxDequeueCount_is_never_parked()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(QueueMessageCodec.Encode("{\"paced\":true}", QueueMessageEncoding.Base64));
        var seen = new ConcurrentQueue<IncomingQueueMessage>();

        // Handed back four times with maxDequeueCount 2, then delivered: each hand-back is a new copy, a first attempt.
        await using var running = Start(queue.Name, TestHostJson.Queues(maxDequeueCount: 2), (m, _) =>
        {
            seen.Enqueue(m);
            return Task.FromResult(seen.Count <= 4
                ? QueueMessageDisposition.Defer("PacingBacklog: no pacing turn within 5 s", TimeSpan.Zero, "PacingBacklog")
                : QueueMessageDisposition.Completed);
        });

        await TestQueues.WaitUntilAsync(() => seen.Count >= 5, Bound, "the message handled five times");
        await TestQueues.WaitUntilAsync(async () => await queue.GetApproximateCountAsync() == 0, Bound, "the queue to empty");

        Assert.All(seen, m => Assert.Equal((1L, "{\"paced\":true}"), (m.DequeueCount, m.Body)));
        Assert.Equal(5, seen.Select(m => m.MessageId).Distinct().Count());
        Assert.True(await Factory.GetQueue(QueueNames.PoisonQueueFor(queue.Name)).CreateIfNotExistsAsync(), "Nothing was ever parked: the poison queue did not exist.");
    }

    [Fact]
    public async Task A_message_too_large_to_wrap_with_its_reason_is_parked_as_it_was()
    {
        var queue = await NewQueueAsync();
        var large = "{\"big\":\"" + new string('x', 48_980) + "\"}";
        var text = QueueMessageCodec.Encode(large, QueueMessageEncoding.Base64);
        var wrapped = QueueMessageCodec.Encode(
            PoisonMessageSerializer.Serialize(new PoisonMessage("Too big to deliver.", "BodyTooLarge", 1, DateTimeOffset.UtcNow, queue.Name, Guid.NewGuid().ToString(), DateTimeOffset.UtcNow, large)),
            QueueMessageEncoding.Base64);
        Assert.True(text.Length <= QueueLimits.MaxMessageBytes && wrapped.Length > QueueLimits.MaxMessageBytes, "the message fits, its wrapper would not");
        await queue.SendAsync(text);

        await using var running = Start(queue.Name, TestHostJson.Queues(), (_, _) =>
            Task.FromResult(QueueMessageDisposition.Poison("Too big to deliver.", "BodyTooLarge")));

        var poisonQueue = Factory.GetQueue(QueueNames.PoisonQueueFor(queue.Name));
        await TestQueues.WaitUntilAsync(async () => await queue.GetApproximateCountAsync() == 0, Bound, "the message to leave its queue");
        Assert.Equal(text, Assert.Single(await poisonQueue.PeekAsync()).Text);
    }

    [Fact]
    public async Task A_message_received_more_than_maxDequeueCount_times_is_parked_without_running()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(QueueMessageCodec.Encode("crashed twice", QueueMessageEncoding.Base64));
        for (var i = 0; i < 2; i++)
        {
            // Earlier consumers that died mid-way: received, never settled.
            var taken = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
            await queue.UpdateVisibilityAsync(taken.MessageId, taken.PopReceipt, TimeSpan.Zero);
        }

        var ran = 0;
        await using var running = Start(queue.Name, TestHostJson.Queues(maxDequeueCount: 2), (_, _) =>
        {
            Interlocked.Increment(ref ran);
            return Task.FromResult(QueueMessageDisposition.Completed);
        });

        var poison = await WaitForPoisonAsync(queue.Name);
        Assert.Equal(0, ran);
        Assert.Equal("MaxDequeueCountExceeded", poison.Code);
        Assert.Equal(3, poison.Attempts);
        Assert.Equal("crashed twice", poison.Message);
    }

    [Fact]
    public async Task In_flight_messages_never_exceed_batchSize_plus_newBatchThreshold_under_a_slow_handler()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 40; i++)
        {
            await queue.SendAsync(QueueMessageCodec.Encode($"m{i}", QueueMessageEncoding.Base64));
        }

        var current = 0;
        var observedMax = 0;
        var handled = 0;
        using var meterFactory = new TestMeterFactory();
        var options = TestHostJson.Queues(batchSize: 4, newBatchThreshold: 2);
        Assert.Equal(6, options.MaxMessagesInFlight);

        await using var running = Start(queue.Name, options, async (m, ct) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref observedMax, now);
            await Task.Delay(20 + (m.Body.GetHashCode(StringComparison.Ordinal) & 63), ct);
            Interlocked.Decrement(ref current);
            Interlocked.Increment(ref handled);
            return QueueMessageDisposition.Completed;
        }, meterFactory: meterFactory);

        await TestQueues.WaitUntilAsync(() => Volatile.Read(ref handled) >= 40, TimeSpan.FromSeconds(60), "40 messages handled");
        await TestQueues.WaitUntilAsync(async () => await queue.GetApproximateCountAsync() == 0, Bound, "the queue to empty");

        var peak = running.Processor.PeakInFlightCount;
        Assert.InRange(observedMax, 1, 6);
        Assert.InRange(peak, observedMax, 6);
        Assert.Equal(peak, meterFactory.ReadPeakInFlight(queue.Name));
        Assert.Equal(40, meterFactory.ReadSettled(queue.Name, "completed"));
    }

    [Fact]
    public async Task A_new_batch_is_fetched_only_when_in_flight_drops_to_newBatchThreshold()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 12; i++)
        {
            await queue.SendAsync(QueueMessageCodec.Encode($"m{i}", QueueMessageEncoding.Base64));
        }

        var gates = new ConcurrentQueue<TaskCompletionSource>();
        var started = 0;
        await using var running = Start(queue.Name, TestHostJson.Queues(batchSize: 4, newBatchThreshold: 2), async (_, ct) =>
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gates.Enqueue(gate);
            Interlocked.Increment(ref started);
            await gate.Task.WaitAsync(ct);
            return QueueMessageDisposition.Completed;
        });

        await TestQueues.WaitUntilAsync(() => Volatile.Read(ref started) == 4, Bound, "the first batch");
        Release(gates, 1);
        await TestQueues.WaitUntilAsync(() => running.Processor.InFlightCount == 3, Bound, "in flight to drop to 3");
        await Task.Delay(500);
        Assert.Equal(4, Volatile.Read(ref started));

        Release(gates, 1);
        await TestQueues.WaitUntilAsync(() => Volatile.Read(ref started) == 8, Bound, "the second batch");
        Assert.Equal(6, running.Processor.InFlightCount);
        await Task.Delay(500);
        Assert.Equal(8, Volatile.Read(ref started));

        var deadline = Stopwatch.StartNew();
        while (Volatile.Read(ref started) < 12 || !gates.IsEmpty)
        {
            Assert.True(deadline.Elapsed < Bound, "all 12 messages should start within the bound");
            Release(gates, gates.Count);
            await Task.Delay(20);
            Assert.True(running.Processor.InFlightCount <= 6);
        }

        await TestQueues.WaitUntilAsync(() => running.Processor.InFlightCount == 0, Bound, "all settled");
        Assert.Equal(6, running.Processor.PeakInFlightCount);
    }

    [Fact]
    public async Task A_handler_s_hold_limit_caps_what_is_fetched_and_a_raised_limit_is_taken_up()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 12; i++)
        {
            await queue.SendAsync(QueueMessageCodec.Encode($"m{i}", QueueMessageEncoding.Base64));
        }

        var handler = new GatedHandlerWithHoldLimit { Limit = 3 };
        await using var running = RunningProcessor.Start(new QueueProcessor(Factory, queue.Name, handler, TestHostJson.Queues(batchSize: 8, newBatchThreshold: 4)));

        await TestQueues.WaitUntilAsync(() => handler.Started == 3, Bound, "the first three");
        await Task.Delay(500);
        Assert.Equal(3, handler.Started);

        handler.Limit = 5;
        await TestQueues.WaitUntilAsync(() => handler.Started == 5, Bound, "two more once the limit is raised");
        await Task.Delay(500);
        Assert.Equal(5, running.Processor.InFlightCount);

        handler.Limit = null;
        var deadline = Stopwatch.StartNew();
        while (handler.Completed < 12)
        {
            Assert.True(deadline.Elapsed < Bound, "all 12 messages should complete within the bound");
            handler.ReleaseAll();
            await Task.Delay(20);
        }

        // A handler's return comes before its message's delete.
        await TestQueues.WaitUntilAsync(async () => await queue.GetApproximateCountAsync() == 0, Bound, "the queue to empty");
    }

    [Fact]
    public async Task An_idle_queue_is_polled_at_doubling_intervals_up_to_maxPollingInterval_and_the_rhythm_resets_when_a_message_arrives()
    {
        var queue = await NewQueueAsync();
        var time = new RecordingTimeProvider(new ManualTimeProvider());
        var handled = 0;
        var options = TestHostJson.Queues(maxPollingInterval: "00:00:01");
        var processor = new QueueProcessor(Factory, queue.Name, (_, _) =>
        {
            Interlocked.Increment(ref handled);
            return Task.FromResult(QueueMessageDisposition.Completed);
        }, options, timeProvider: time);
        await using var running = RunningProcessor.Start(processor);

        var expected = new List<int>();
        foreach (var delay in new[] { 200, 400, 800, 1000, 1000 })
        {
            expected.Add(delay);
            await WaitForPollDelaysAsync(time, expected);
            time.Clock.Advance(TimeSpan.FromMilliseconds(delay));
        }

        await queue.SendAsync(QueueMessageCodec.Encode("wake up", QueueMessageEncoding.Base64));
        expected.Add(1000);
        await WaitForPollDelaysAsync(time, expected);
        time.Clock.Advance(TimeSpan.FromSeconds(1));

        await TestQueues.WaitUntilAsync(() => Volatile.Read(ref handled) == 1, Bound, "the message handled");
        expected.Add(100);
        await WaitForPollDelaysAsync(time, expected);
        time.Clock.Advance(TimeSpan.FromMilliseconds(100));
        expected.Add(200);
        await WaitForPollDelaysAsync(time, expected);
    }

    [Fact]
    public async Task Stopping_lets_in_flight_messages_finish_within_the_grace_period()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendAsync(QueueMessageCodec.Encode($"m{i}", QueueMessageEncoding.Base64));
        }

        var started = 0;
        var completed = 0;
        var running = Start(queue.Name, TestHostJson.Queues(), async (_, _) =>
        {
            Interlocked.Increment(ref started);
            await Task.Delay(300, CancellationToken.None);
            Interlocked.Increment(ref completed);
            return QueueMessageDisposition.Completed;
        }, new QueueProcessingOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(10) });
        await using (running)
        {
            await TestQueues.WaitUntilAsync(() => Volatile.Read(ref started) == 3, Bound, "3 handlers running");
            await running.StopAsync();
        }

        Assert.Equal(3, completed);
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Stopping_releases_messages_that_did_not_finish_and_another_processor_handles_them()
    {
        var queue = await NewQueueAsync();
        var sent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add((await queue.SendAsync(QueueMessageCodec.Encode($"m{i}", QueueMessageEncoding.Base64))).MessageId);
        }

        var started = 0;
        var cancelled = 0;
        var first = Start(queue.Name, TestHostJson.Queues(), async (_, ct) =>
        {
            Interlocked.Increment(ref started);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }

            return QueueMessageDisposition.Completed;
        }, new QueueProcessingOptions { ShutdownGracePeriod = TimeSpan.FromMilliseconds(300) });
        await using (first)
        {
            await TestQueues.WaitUntilAsync(() => Volatile.Read(ref started) == 3, Bound, "3 handlers running");
            await first.StopAsync();
            Assert.Equal(0, first.Processor.InFlightCount);
        }

        Assert.Equal(3, cancelled);
        Assert.Equal(3, (await queue.PeekAsync(32)).Count);

        var handled = new ConcurrentBag<IncomingQueueMessage>();
        await using var second = Start(queue.Name, TestHostJson.Queues(), (m, _) =>
        {
            handled.Add(m);
            return Task.FromResult(QueueMessageDisposition.Completed);
        });
        await TestQueues.WaitUntilAsync(() => handled.Count >= 3, Bound, "the second processor to handle them");
        Assert.Equal(sent.Order(), handled.Select(m => m.MessageId).Order());
        Assert.All(handled, m => Assert.Equal(2, m.DequeueCount));
    }

    [Fact]
    public async Task A_long_handler_keeps_its_message_hidden_by_renewing_the_lease()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(QueueMessageCodec.Encode("slow", QueueMessageEncoding.Base64));
        var handled = 0;

        await using var running = Start(queue.Name, TestHostJson.Queues(), async (_, ct) =>
        {
            await Task.Delay(5500, ct);
            Interlocked.Increment(ref handled);
            return QueueMessageDisposition.Completed;
        }, new QueueProcessingOptions { MessageLease = TimeSpan.FromSeconds(4) });

        await TestQueues.WaitUntilAsync(() => running.Processor.InFlightCount == 1, Bound, "the handler to start");
        await Task.Delay(4600);
        Assert.Empty(await queue.PeekAsync());
        await TestQueues.WaitUntilAsync(() => Volatile.Read(ref handled) == 1, Bound, "the handler to finish");
        await TestQueues.WaitUntilAsync(async () => await queue.GetApproximateCountAsync() == 0, Bound, "the delete with the renewed receipt");
    }

    [Fact]
    public async Task The_lease_is_renewed_at_every_half_time_while_the_handler_runs_and_never_after_it_ends()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(QueueMessageCodec.Encode("slow", QueueMessageEncoding.Base64));
        var clock = new ManualTimeProvider();
        var queues = new RenewalCountingQueueFactory(Factory);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource<QueueMessageDisposition>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = new QueueProcessor(queues, queue.Name, (_, _) =>
        {
            started.TrySetResult();
            return finish.Task;
        }, TestHostJson.Queues(), new QueueProcessingOptions { MessageLease = TimeSpan.FromSeconds(4) }, clock);
        await using var running = RunningProcessor.Start(processor);
        try
        {
            await started.Task.WaitAsync(Bound);
            for (var renewal = 1; renewal <= 3; renewal++)
            {
                // Half-time counts from the handler's start, then from the end of each renewal (the queue's answer). The
                // clock fires timers within Advance, and a renewal is counted as it calls the queue, before its first
                // wait: what Advance started shows at once, with no real time to wait out.
                clock.Advance(TimeSpan.FromMilliseconds(1_900));
                Assert.Equal(renewal - 1, queues.VisibilityUpdates);
                clock.Advance(TimeSpan.FromMilliseconds(100));
                await TestQueues.WaitUntilAsync(() => queues.VisibilityUpdatesDone == renewal, Bound, $"renewal {renewal}");

                // The next half-time is set after the queue's answer reaches the renewal, on another thread: wait for it
                // rather than for a while, so a busy machine cannot move the clock before the timer is set.
                var nextHalfTime = clock.GetUtcNow() + TimeSpan.FromSeconds(2);
                await TestQueues.WaitUntilAsync(() => clock.HasTimerDueAt(nextHalfTime), Bound, $"the timer after renewal {renewal}");
            }

            finish.SetResult(QueueMessageDisposition.Completed);
            await TestQueues.WaitUntilAsync(() => processor.InFlightCount == 0, Bound, "the message settled");
            await TestQueues.WaitUntilAsync(async () => await queue.GetApproximateCountAsync() == 0, Bound, "the delete with the renewed receipt");
            for (var i = 0; i < 3; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(2));
            }

            Assert.Equal(3, queues.VisibilityUpdates);
        }
        finally
        {
            // A stop with the handler still running would wait out its grace period on the hand-moved clock.
            finish.TrySetResult(QueueMessageDisposition.Completed);
        }
    }

    private RunningProcessor Start(
        string queueName,
        HostJsonQueueOptions options,
        Func<IncomingQueueMessage, CancellationToken, Task<QueueMessageDisposition>> handler,
        QueueProcessingOptions? processing = null,
        IMeterFactory? meterFactory = null) =>
        RunningProcessor.Start(new QueueProcessor(Factory, queueName, handler, options, processing, meterFactory: meterFactory));

    private async Task<IMessageQueue> NewQueueAsync()
    {
        var queue = Factory.GetQueue(TestQueues.UniqueName("p"));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    /// <summary>The original is deleted after its poison copy is written: on Azurite the copy can be seen a moment before.</summary>
    private static Task WaitForOriginalGoneAsync(IMessageQueue queue) =>
        TestQueues.WaitUntilAsync(async () => await queue.GetApproximateCountAsync() == 0, Bound, "the parked message to leave its queue");

    private async Task<PoisonMessage> WaitForPoisonAsync(string queueName)
    {
        var poisonQueue = Factory.GetQueue(QueueNames.PoisonQueueFor(queueName));
        IReadOnlyList<PeekedQueueMessage> peeked = [];
        await TestQueues.WaitUntilAsync(async () =>
        {
            try
            {
                peeked = await poisonQueue.PeekAsync(32);
                return peeked.Count > 0;
            }
            catch (MessageQueueException ex) when (ex.ErrorCode == QueueErrorCodes.QueueNotFound)
            {
                return false;
            }
        }, Bound, "a poison message");

        var text = Assert.Single(peeked).Text;
        Assert.True(QueueMessageCodec.TryDecodeBase64(text, out var json), "poison messages are base64, like the queue's");
        Assert.True(PoisonMessageSerializer.TryDeserialize(json, out var poison), json);
        return poison!;
    }

    private static async Task WaitForPollDelaysAsync(RecordingTimeProvider time, List<int> expected)
    {
        await TestQueues.WaitUntilAsync(() => PollDelays(time).Count >= expected.Count, Bound, $"{expected.Count} poll delays");
        Assert.Equal(expected, PollDelays(time));
    }

    private static List<int> PollDelays(RecordingTimeProvider time) =>
        time.Timers.Where(t => t < TimeSpan.FromMinutes(1)).Select(t => (int)t.TotalMilliseconds).ToList();

    private static void Release(ConcurrentQueue<TaskCompletionSource> gates, int count)
    {
        for (var i = 0; i < count && gates.TryDequeue(out var gate); i++)
        {
            gate.SetResult();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private sealed class GatedHandlerWithHoldLimit : IQueueMessageHandler, IQueueHoldLimit
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _gates = new();
        private int _started;
        private int _completed;
        private int _limit = -1;

        /// <summary>Null for no limit.</summary>
        public int? Limit
        {
            get => Volatile.Read(ref _limit) is >= 0 and var limit ? limit : null;
            set => Volatile.Write(ref _limit, value ?? -1);
        }

        public int? HoldLimit => Limit;

        public int Started => Volatile.Read(ref _started);

        public int Completed => Volatile.Read(ref _completed);

        public async Task<QueueMessageDisposition> HandleAsync(IncomingQueueMessage message, CancellationToken cancellationToken)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _gates.Enqueue(gate);
            Interlocked.Increment(ref _started);
            await gate.Task.WaitAsync(cancellationToken);
            Interlocked.Increment(ref _completed);
            return QueueMessageDisposition.Completed;
        }

        public void ReleaseAll()
        {
            while (_gates.TryDequeue(out var gate))
            {
                gate.TrySetResult();
            }
        }
    }
}
