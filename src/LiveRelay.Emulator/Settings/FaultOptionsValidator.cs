namespace LiveRelay.Emulator.Settings;

/// <summary>Checks fault settings, at start-up and on every change through the control endpoint.</summary>
internal static class FaultOptionsValidator
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    public static List<string> Validate(FaultOptions? options, string prefix)
    {
        var failures = new List<string>();
        if (options is null)
        {
            failures.Add($"{prefix} is required.");
            return failures;
        }

        var shares = new (string Name, double Value)[]
        {
            (nameof(options.ServerErrorShare), options.ServerErrorShare),
            (nameof(options.ServiceUnavailableShare), options.ServiceUnavailableShare),
            (nameof(options.ThrottlingShare), options.ThrottlingShare),
            (nameof(options.TimeoutShare), options.TimeoutShare),
            (nameof(options.DropShare), options.DropShare),
            (nameof(options.LostAnswerShare), options.LostAnswerShare),
        };
        var total = 0.0;
        foreach (var (name, value) in shares)
        {
            if (!double.IsFinite(value) || value < 0 || value > 1)
            {
                failures.Add($"{prefix}:{name} must be between 0 and 1.");
            }
            else
            {
                total += value;
            }
        }

        if (total > 1 + 1e-9)
        {
            failures.Add($"{prefix}: the shares together must be at most 1.");
        }

        Delay(failures, $"{prefix}:{nameof(options.Latency)}", options.Latency, MaxDelay);
        Delay(failures, $"{prefix}:{nameof(options.LatencyJitter)}", options.LatencyJitter, MaxDelay);
        Delay(failures, $"{prefix}:{nameof(options.ThrottlingRetryAfter)}", options.ThrottlingRetryAfter, TimeSpan.FromHours(1));
        return failures;
    }

    private static void Delay(List<string> failures, string name, TimeSpan value, TimeSpan max)
    {
        if (value < TimeSpan.Zero || value > max)
        {
            failures.Add($"{name} must be between 00:00:00 and {max:c}.");
        }
    }
}
