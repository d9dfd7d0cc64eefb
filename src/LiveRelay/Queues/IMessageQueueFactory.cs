namespace LiveRelay.Queues;

/// <summary>Gives the queue of a name (<see cref="QueueNames"/>) on one storage account or in-memory store.</summary>
public interface IMessageQueueFactory
{
    /// <exception cref="ArgumentException">The name breaks the Azure queue naming rules.</exception>
    IMessageQueue GetQueue(string name);
}
