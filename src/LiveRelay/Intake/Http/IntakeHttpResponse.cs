namespace LiveRelay.Intake.Http;

/// <summary>The HTTP answer to an intake result: both hosts write exactly this, so their answers are identical.</summary>
public sealed record IntakeHttpResponse(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers);
