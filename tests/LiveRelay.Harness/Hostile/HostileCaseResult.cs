namespace LiveRelay.Harness.Hostile;

/// <summary>What the host did with one hostile case.</summary>
/// <param name="Observed">The HTTP status (e.g. <c>401</c>), <c>poison:&lt;code&gt;</c>, or what went wrong (<c>no answer</c>, <c>not parked</c>).</param>
/// <param name="Problems">Every rule the host broke on this case; empty when it passed.</param>
internal sealed record HostileCaseResult(HostileCase Case, string Observed, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    public override string ToString() => Passed ? $"{Case.Id}: {Observed}" : $"{Case.Id}: {Observed}: {string.Join("; ", Problems)}";
}
