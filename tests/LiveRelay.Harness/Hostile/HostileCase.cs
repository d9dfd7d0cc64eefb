namespace LiveRelay.Harness.Hostile;

/// <summary>One bad input from the corpus (tests/hostile/cases/*.json) and what the host must do with it.</summary>
internal sealed record HostileCase
{
    public required string Id { get; init; }

    public required string About { get; init; }

    /// <summary>The corpus file it comes from, without the extension.</summary>
    public required string Category { get; init; }

    public required HostileCaseKind Kind { get; init; }

    public string Method { get; init; } = "POST";

    /// <summary>Path and query, e.g. <c>/api/webhooks/hs-none</c>.</summary>
    public string Path { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public BodySpec? Body { get; init; }

    /// <summary>How to sign a webhook for its source's scheme (<see cref="SignatureModes"/>); null: no signature is added.</summary>
    public string? Signature { get; init; }

    /// <summary><c>valid</c> (default), <c>missing</c>, <c>wrong</c> (header) or <c>wrong-query</c> (<c>?code=</c>).</summary>
    public string FunctionKey { get; init; } = "valid";

    public string? Queue { get; init; }

    /// <summary>Queue cases: <c>base64</c> (default, as host.json's messageEncoding) or <c>plain</c> (the text as it is).</summary>
    public string Encoding { get; init; } = "base64";

    /// <summary>An HTTP status (<c>400</c>), a class (<c>4xx</c>), or <c>poison</c> for queue cases.</summary>
    public required string Expect { get; init; }

    /// <summary>Queue cases: the poison code it must be parked with, when it matters.</summary>
    public string? Code { get; init; }

    public static readonly IReadOnlySet<string> SignatureModes = new HashSet<string>(StringComparer.Ordinal)
    {
        "valid", "missing", "forged", "wrong-secret", "other-body", "expired", "future", "stale", "truncated",
    };

    public override string ToString() => Id;
}
