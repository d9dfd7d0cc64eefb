using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>One Azure Storage queue through the Queue service REST API (no SDK). Get it from <see cref="AzureStorageMessageQueueFactory"/>.</summary>
public sealed class AzureStorageMessageQueue : IMessageQueue
{
    private static readonly KeyValuePair<string, string>[] NoQuery = [];

    private readonly QueueServiceRequestSender _sender;
    private readonly string _messagesPath;

    internal AzureStorageMessageQueue(string name, QueueServiceRequestSender sender)
    {
        QueueNames.Validate(name);
        Name = name;
        _sender = sender;
        _messagesPath = name + "/messages";
    }

    public string Name { get; }

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var response = await _sender.SendAsync(Name, "Create", HttpMethod.Put, Name, NoQuery, null, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Created;
    }

    public async Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueRequestRules.ValidateText(text);
        var (delay, ttl) = QueueRequestRules.SendSeconds(visibilityDelay, timeToLive);
        var query = new List<KeyValuePair<string, string>>(2);
        if (delay > 0)
        {
            query.Add(new("visibilitytimeout", Invariant(delay)));
        }

        if (ttl is { } seconds)
        {
            query.Add(new("messagettl", Invariant(seconds)));
        }

        var response = await _sender.SendAsync(Name, "Send", HttpMethod.Post, _messagesPath, query, QueueXml.MessageBody(text), cancellationToken)
            .ConfigureAwait(false);
        var message = Read(response, "Send", static list => list.Count == 1 ? list[0] : throw new FormatException("Expected one <QueueMessage>."));
        return new SendReceipt(
            QueueXml.Required(message, "MessageId"),
            QueueXml.Required(message, "PopReceipt"),
            QueueXml.RequiredDate(message, "InsertionTime"),
            QueueXml.RequiredDate(message, "ExpirationTime"),
            QueueXml.RequiredDate(message, "TimeNextVisible"));
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var count = QueueRequestRules.ReceiveCount(maxMessages);
        var seconds = QueueRequestRules.ToSeconds(visibilityTimeout, TimeSpan.FromSeconds(1), QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout));
        KeyValuePair<string, string>[] query = [new("numofmessages", Invariant(count)), new("visibilitytimeout", Invariant(seconds))];
        var response = await _sender.SendAsync(Name, "Receive", HttpMethod.Get, _messagesPath, query, null, cancellationToken).ConfigureAwait(false);
        return Read(response, "Receive", static list => list.Select(m => new QueueMessage(
                QueueXml.Required(m, "MessageId"),
                QueueXml.Required(m, "PopReceipt"),
                QueueXml.RequiredLong(m, "DequeueCount"),
                QueueXml.Text(m),
                QueueXml.RequiredDate(m, "InsertionTime"),
                QueueXml.RequiredDate(m, "ExpirationTime"),
                QueueXml.RequiredDate(m, "TimeNextVisible")))
            .ToList());
    }

    public async Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        QueueRequestRules.ValidateReceipt(messageId, popReceipt);
        KeyValuePair<string, string>[] query = [new("popreceipt", popReceipt)];
        await _sender.SendAsync(Name, "Delete", HttpMethod.Delete, MessagePath(messageId), query, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<UpdateReceipt> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        QueueRequestRules.ValidateReceipt(messageId, popReceipt);
        var seconds = QueueRequestRules.ToSeconds(visibilityTimeout, TimeSpan.Zero, QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout));
        KeyValuePair<string, string>[] query = [new("popreceipt", popReceipt), new("visibilitytimeout", Invariant(seconds))];
        var response = await _sender.SendAsync(Name, "UpdateVisibility", HttpMethod.Put, MessagePath(messageId), query, null, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            return new UpdateReceipt(
                response.RequiredHeader("x-ms-popreceipt"),
                QueueXml.ParseDate(response.RequiredHeader("x-ms-time-next-visible"), "x-ms-time-next-visible"));
        }
        catch (FormatException ex)
        {
            throw Invalid("UpdateVisibility", ex);
        }
    }

    public async Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default)
    {
        KeyValuePair<string, string>[] query = [new("comp", "metadata")];
        var response = await _sender.SendAsync(Name, "Count", HttpMethod.Get, Name, query, null, cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-approximate-messages-count", out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? count
                : throw Invalid("Count", new FormatException("The answer has no x-ms-approximate-messages-count header."));
    }

    public async Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        var count = QueueRequestRules.ReceiveCount(maxMessages);
        KeyValuePair<string, string>[] query = [new("peekonly", "true"), new("numofmessages", Invariant(count))];
        var response = await _sender.SendAsync(Name, "Peek", HttpMethod.Get, _messagesPath, query, null, cancellationToken).ConfigureAwait(false);
        return Read(response, "Peek", static list => list.Select(m => new PeekedQueueMessage(
                QueueXml.Required(m, "MessageId"),
                QueueXml.RequiredLong(m, "DequeueCount"),
                QueueXml.Text(m),
                QueueXml.RequiredDate(m, "InsertionTime"),
                QueueXml.RequiredDate(m, "ExpirationTime")))
            .ToList());
    }

    private string MessagePath(string messageId) => _messagesPath + "/" + Uri.EscapeDataString(messageId);

    private T Read<T>(QueueServiceResponse response, string operation, Func<IReadOnlyList<XElement>, T> map)
    {
        try
        {
            return map(QueueXml.Messages(response.Body));
        }
        catch (FormatException ex)
        {
            throw Invalid(operation, ex);
        }
    }

    private MessageQueueException Invalid(string operation, FormatException ex) =>
        new(Name, operation, QueueErrorCodes.InvalidResponse, $"The answer could not be read: {ex.Message}", innerException: ex);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
