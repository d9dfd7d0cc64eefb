namespace LiveRelay.Intake.Input;

internal enum BodyMediaType
{
    Unsupported,

    /// <summary><c>application/json</c> or any <c>application/*+json</c> (CloudEvents, Event Grid).</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c> with the JSON in a <c>payload</c> field (GitHub's form content type).</summary>
    Form,
}
