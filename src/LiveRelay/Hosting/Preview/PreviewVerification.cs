namespace LiveRelay.Hosting.Preview;

/// <summary>What became of the source's signature check in a preview.</summary>
public enum PreviewVerification
{
    /// <summary>Not reached: the source is unknown, or the request was refused before (e.g. its size).</summary>
    NotChecked,

    /// <summary>The source's scheme is <c>none</c>: nothing to check.</summary>
    NotRequired,

    /// <summary>The signature was checked against the source's secrets and is valid.</summary>
    Verified,

    /// <summary>The signature is missing or wrong, or no signing secret can be read (see the problem).</summary>
    Failed,

    /// <summary>The check was skipped on request (<see cref="PayloadPreviewRequest.SkipVerification"/>): the real endpoint would check it.</summary>
    Skipped,
}
