namespace LiveRelay.Harness.Hostile;

internal enum HostileCaseKind
{
    /// <summary>An HTTP request sent with HttpClient.</summary>
    Http,

    /// <summary>Bytes written straight to the host's socket: requests HttpClient would refuse to send.</summary>
    Raw,

    /// <summary>A message put on a queue the host processes.</summary>
    Queue,
}
