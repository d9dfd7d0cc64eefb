using System.Net;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>A successful answer: status, the headers the queue operations read, and the body.</summary>
internal sealed record QueueServiceResponse(HttpStatusCode StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string RequiredHeader(string name) =>
        Headers.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The answer has no {name} header.");
}
