using Azure;
using Azure.Storage.Queues;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>One Azure Storage queue through the Azure SDK's <see cref="QueueClient"/>, with its failures as <see cref="MessageQueueException"/>s.</summary>
public sealed class AzureStorageMessageQueue : IMessageQueue
{
    private readonly QueueClient _client;

    internal AzureStorageMessageQueue(QueueClient client)
    {
        QueueNames.Validate(client.Name);
        _client = client;
    }

    public string Name => _client.Name;

    public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        CallAsync("Create", async ct =>
        {
            // 201 when created; 204 (or nothing) when it was there already.
            var response = await _client.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            return response?.Status == 201;
        }, cancellationToken);

    public Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueRequestRules.ValidateText(text);
        var (delay, ttl) = QueueRequestRules.SendSeconds(visibilityDelay, timeToLive);
        return CallAsync("Send", async ct =>
        {
            Response<Azure.Storage.Queues.Models.SendReceipt> sent = await _client.SendMessageAsync(
                text, TimeSpan.FromSeconds(delay), ttl is { } seconds ? TimeSpan.FromSeconds(seconds) : null, ct).ConfigureAwait(false);
            var receipt = sent.Value;
            return new SendReceipt(receipt.MessageId, receipt.PopReceipt, receipt.InsertionTime, receipt.ExpirationTime, receipt.TimeNextVisible);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var count = QueueRequestRules.ReceiveCount(maxMessages);
        var seconds = QueueRequestRules.ToSeconds(visibilityTimeout, TimeSpan.FromSeconds(1), QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout));
        return CallAsync<IReadOnlyList<QueueMessage>>("Receive", async ct =>
        {
            var received = await _client.ReceiveMessagesAsync(count, TimeSpan.FromSeconds(seconds), ct).ConfigureAwait(false);
            return received.Value.Select(static m => new QueueMessage(
                    m.MessageId, m.PopReceipt, m.DequeueCount, m.Body.ToString(), Time(m.InsertedOn), Time(m.ExpiresOn), Time(m.NextVisibleOn)))
                .ToList();
        }, cancellationToken);
    }

    public Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        QueueRequestRules.ValidateReceipt(messageId, popReceipt);
        return CallAsync("Delete", async ct =>
        {
            await _client.DeleteMessageAsync(messageId, popReceipt, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<UpdateReceipt> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        QueueRequestRules.ValidateReceipt(messageId, popReceipt);
        var seconds = QueueRequestRules.ToSeconds(visibilityTimeout, TimeSpan.Zero, QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout));
        return CallAsync("UpdateVisibility", async ct =>
        {
            // No message: the text stays as it is; only the visibility changes.
            var updated = await _client.UpdateMessageAsync(messageId, popReceipt, (BinaryData?)null, TimeSpan.FromSeconds(seconds), ct).ConfigureAwait(false);
            return new UpdateReceipt(updated.Value.PopReceipt, updated.Value.NextVisibleOn);
        }, cancellationToken);
    }

    public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) =>
        CallAsync("Count", async ct => (await _client.GetPropertiesAsync(ct).ConfigureAwait(false)).Value.ApproximateMessagesCount, cancellationToken);

    public Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        var count = QueueRequestRules.ReceiveCount(maxMessages);
        return CallAsync<IReadOnlyList<PeekedQueueMessage>>("Peek", async ct =>
        {
            var peeked = await _client.PeekMessagesAsync(count, ct).ConfigureAwait(false);
            return peeked.Value.Select(static m => new PeekedQueueMessage(m.MessageId, m.DequeueCount, m.Body.ToString(), Time(m.InsertedOn), Time(m.ExpiresOn)))
                .ToList();
        }, cancellationToken);
    }

    private static DateTimeOffset Time(DateTimeOffset? value) => value ?? DateTimeOffset.MinValue;

    private async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (QueueFailure.Classify(Name, operation, _client.Uri, ex, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }
}
