namespace LiveRelay.Harness.Cost;

/// <summary>What a cost figure is of.</summary>
internal enum CostSubject
{
    /// <summary>The most trivial ASP.NET Core endpoint: reads the body, answers 202.</summary>
    TrivialEndpoint,

    /// <summary>Only the essential work (<see cref="FloorProgram"/>).</summary>
    Floor,

    /// <summary>The standalone host with in-memory queues, as shipped (its own logging settings).</summary>
    LiveRelay,
}
