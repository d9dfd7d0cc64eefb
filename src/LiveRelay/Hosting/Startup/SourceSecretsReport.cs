namespace LiveRelay.Hosting.Startup;

/// <summary>
/// What reading every source's signing secrets found: <see cref="Problems"/> are mistakes in the configuration or the
/// vault's content (a name that does not exist, a disabled secret, a value in the wrong form for its scheme), which stop
/// the start; <see cref="Unreachable"/> are secrets that could not be read now (the vault out of reach, no access yet, an
/// unresolved Key Vault reference), which may pass by themselves.
/// </summary>
public sealed record SourceSecretsReport(IReadOnlyList<StartupProblem> Problems, IReadOnlyList<StartupProblem> Unreachable)
{
    /// <summary>How many secrets were read.</summary>
    public int Checked { get; init; }
}
