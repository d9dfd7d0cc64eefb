using LiveRelay.Emulator.Settings;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Faults;

/// <summary>
/// Decides, call by call, which fault to inject. Each decision takes two numbers from one seeded sequence (which fault,
/// how much jitter), so the n-th call to reach this stage after a (re)configuration gets the same decision for the same
/// seed and settings. Reconfiguring restarts the sequence.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultOptions _current = new();
    private Random _random = new(0);

    public FaultInjector(IOptions<EmulatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Configure(options.Value.Faults);
    }

    /// <summary>The settings in force, with the seed actually used (a drawn one when none was configured).</summary>
    public FaultOptions Current
    {
        get
        {
            lock (_gate)
            {
                return _current.Clone();
            }
        }
    }

    /// <exception cref="ArgumentException">The settings break a rule; the message names each setting and rule.</exception>
    public void Configure(FaultOptions options)
    {
        var failures = FaultOptionsValidator.Validate(options, "Faults");
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        var settings = options.Clone();
        settings.Seed ??= Random.Shared.Next();
        lock (_gate)
        {
            _current = settings;
            _random = new Random(settings.Seed.Value);
        }
    }

    public FaultDecision Next()
    {
        double pick, jitter;
        FaultOptions settings;
        lock (_gate)
        {
            pick = _random.NextDouble();
            jitter = _random.NextDouble();
            settings = _current;
        }

        var delay = settings.Latency + (settings.LatencyJitter * jitter);
        return new FaultDecision(Pick(settings, pick), delay);
    }

    private static FaultKind Pick(FaultOptions settings, double pick)
    {
        var threshold = 0.0;
        foreach (var (kind, share) in new (FaultKind, double)[]
        {
            (FaultKind.ServerError, settings.ServerErrorShare),
            (FaultKind.ServiceUnavailable, settings.ServiceUnavailableShare),
            (FaultKind.Throttling, settings.ThrottlingShare),
            (FaultKind.Timeout, settings.TimeoutShare),
            (FaultKind.Drop, settings.DropShare),
            (FaultKind.LostAnswer, settings.LostAnswerShare),
        })
        {
            threshold += share;
            if (pick < threshold)
            {
                return kind;
            }
        }

        return FaultKind.None;
    }
}
