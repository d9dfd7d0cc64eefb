namespace LiveRelay.Queues.Processing;

/// <summary>host.json <c>extensions.queues.messageEncoding</c>: how message text carries its content.</summary>
public enum QueueMessageEncoding
{
    /// <summary>Base64 of the UTF-8 content: the Functions runtime's default.</summary>
    Base64,

    /// <summary>The content as is.</summary>
    None,
}
