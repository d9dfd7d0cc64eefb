namespace LiveRelay.Operations.Access;

/// <summary>What <see cref="AdminKeyVerifier"/> decided about one request.</summary>
public enum AdminAccess
{
    /// <summary>A configured admin key was presented.</summary>
    Granted,

    /// <summary>No admin key is configured, and this is a loopback request in Development (the local demo).</summary>
    Open,

    /// <summary>No admin key is configured: the admin API is off (403, saying how to turn it on).</summary>
    Disabled,

    /// <summary>The key is missing or wrong (401).</summary>
    Unauthorized,

    /// <summary>Keys are configured as secrets, and none could be read (503): never open on that account.</summary>
    KeysUnavailable,
}
