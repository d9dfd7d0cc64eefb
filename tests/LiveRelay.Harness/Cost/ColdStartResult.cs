namespace LiveRelay.Harness.Cost;

/// <summary>One cold start: times from starting the process, and its CPU time when the first message was delivered.</summary>
internal sealed record ColdStartResult(string Variant, int Repeat, TimeSpan? FirstAnswer, TimeSpan? FirstDelivery, TimeSpan? CpuAtDelivery, string? Failure);
