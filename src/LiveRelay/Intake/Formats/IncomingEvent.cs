using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Formats;

/// <summary>One event from a request, with the id its format gives it (CloudEvents and Event Grid events carry one).</summary>
internal sealed record IncomingEvent(JToken Event, string? FormatId);
