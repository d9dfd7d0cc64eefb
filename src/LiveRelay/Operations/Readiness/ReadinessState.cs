namespace LiveRelay.Operations.Readiness;

/// <summary>The state of one readiness check. Only <see cref="Failed"/> makes the instance not ready.</summary>
public enum ReadinessState
{
    /// <summary>Works.</summary>
    Ok,

    /// <summary>Works, with a limit an operator should know about (say, queues only in memory).</summary>
    Degraded,

    /// <summary>Delivery cannot work until this is fixed.</summary>
    Failed,
}
