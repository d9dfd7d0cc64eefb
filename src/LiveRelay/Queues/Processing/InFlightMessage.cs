namespace LiveRelay.Queues.Processing;

/// <summary>
/// A received message while its handler runs. Exactly one of settling (by the handler's outcome) and releasing
/// (by a stopping processor) wins; queue calls on it are serialized so each uses the current pop receipt.
/// </summary>
internal sealed class InFlightMessage(QueueMessage message)
{
    private const int Running = 0;
    private const int Settling = 1;
    private const int Released = 2;

    private int _state;

    public QueueMessage Message { get; } = message;

    public string PopReceipt { get; set; } = message.PopReceipt;

    /// <summary>Not disposed: a release may still be waiting on it when the handler's task ends.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsRunning => Volatile.Read(ref _state) == Running;

    public bool TryBeginSettling() => Interlocked.CompareExchange(ref _state, Settling, Running) == Running;

    public bool TryRelease() => Interlocked.CompareExchange(ref _state, Released, Running) == Running;
}
