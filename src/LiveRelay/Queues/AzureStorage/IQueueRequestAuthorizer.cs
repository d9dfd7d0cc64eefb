namespace LiveRelay.Queues.AzureStorage;

/// <summary>Adds the Authorization header to a request that is otherwise complete.</summary>
internal interface IQueueRequestAuthorizer
{
    ValueTask AuthorizeAsync(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken);

    /// <summary>Removes anything secret this authorizer knows of from text that is about to go into an exception or a log.</summary>
    string Redact(string text);
}
