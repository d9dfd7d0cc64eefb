using LiveRelay.Queues.AzureStorage;
using LiveRelay.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Tests.Queues;

internal static class TestQueues
{
    /// <summary>A queue name no other test uses.</summary>
    public static string UniqueName(string prefix = "t") => $"{prefix}{Guid.NewGuid():N}"[..24];

    public static IHttpClientFactory HttpClientFactory(Action<IHttpClientBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddHttpClient(AzureStorageMessageQueueFactory.HttpClientName);
        configure?.Invoke(builder);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }

    public static AzureStorageMessageQueueFactory AzuriteFactory(AzuriteQueueServer server) =>
        new(HttpClientFactory(), QueueServiceConnection.Development(server.ServiceUri));

    /// <summary>Polls a condition until it holds or the time is up; tests bound their own run time with it.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var started = DateTime.UtcNow;
        while (!condition())
        {
            if (DateTime.UtcNow - started > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what ?? "a condition"}.");
            }

            await Task.Delay(10);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            if (DateTime.UtcNow - started > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what ?? "a condition"}.");
            }

            await Task.Delay(50);
        }
    }
}
