namespace LiveRelay.Intake.Mapping;

internal enum LiveParameterType
{
    Text,

    /// <summary>Text that must be a JSON document (group <c>Data</c>): objects and arrays from the event are written as JSON.</summary>
    Json,
    Int32,
    Int64,
    Boolean,
}
