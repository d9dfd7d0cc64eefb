namespace LiveRelay.Intake.Mapping;

/// <summary>Why a value could not be produced, and for which field.</summary>
internal readonly record struct MappingFailure(string Field, string Message);
