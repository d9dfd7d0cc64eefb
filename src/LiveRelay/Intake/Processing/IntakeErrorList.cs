using LiveRelay.Intake.Results;

namespace LiveRelay.Intake.Processing;

/// <summary>
/// Collects errors up to a cap: a 10,000-recipient fan-out with one bad field would otherwise answer with 10,000
/// entries. The count beyond the cap is still reported.
/// </summary>
internal sealed class IntakeErrorList
{
    public const int MaxListed = 100;
    private readonly List<IntakeError> _errors = [];

    public int Count { get; private set; }

    public bool IsFull => Count >= MaxListed;

    /// <summary>The kind of the first error: a mapping that cannot be applied, or a request that breaks an API limit.</summary>
    public IntakeRejectionKind Kind { get; private set; } = IntakeRejectionKind.InvalidMessage;

    public IReadOnlyList<IntakeError> Errors => _errors;

    public void Add(IntakeRejectionKind kind, IntakeError error)
    {
        if (Count == 0)
        {
            Kind = kind;
        }

        Count++;
        if (_errors.Count < MaxListed)
        {
            _errors.Add(error);
        }
    }

    public string Describe(string what)
    {
        var first = _errors[0].ToString();
        return Count == 1
            ? $"{what}: {first}"
            : $"{what}: {Count} errors{(Count > _errors.Count ? $" ({_errors.Count} listed)" : string.Empty)}; the first is {first}";
    }
}
