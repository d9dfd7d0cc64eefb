using System.Globalization;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Tests.Queues;

/// <summary>host.json variants for tests, written to a temporary file and read back through the real loader.</summary>
internal static class TestHostJson
{
    public static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"liverelay-host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    public static HostJsonQueueOptions Queues(
        int batchSize = 4,
        int? newBatchThreshold = null,
        int maxDequeueCount = 5,
        string visibilityTimeout = "00:00:00",
        string maxPollingInterval = "00:00:00.200",
        string messageEncoding = "base64")
    {
        var threshold = newBatchThreshold is { } t ? $"\"newBatchThreshold\": {t.ToString(CultureInfo.InvariantCulture)}," : string.Empty;
        var path = Write($$"""
            {
              "version": "2.0",
              "extensions": {
                "queues": {
                  "batchSize": {{batchSize.ToString(CultureInfo.InvariantCulture)}},
                  {{threshold}}
                  "maxDequeueCount": {{maxDequeueCount.ToString(CultureInfo.InvariantCulture)}},
                  "visibilityTimeout": "{{visibilityTimeout}}",
                  "maxPollingInterval": "{{maxPollingInterval}}",
                  "messageEncoding": "{{messageEncoding}}"
                }
              }
            }
            """);
        try
        {
            return HostJsonQueueOptionsLoader.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
