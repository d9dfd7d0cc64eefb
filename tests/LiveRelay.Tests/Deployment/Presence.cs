namespace LiveRelay.Tests.Deployment;

/// <summary>Whether a setting must, may or must not appear in a settings source.</summary>
internal enum Presence
{
    Required,
    Optional,
    Forbidden,
}
