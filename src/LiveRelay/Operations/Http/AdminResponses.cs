using System.Text.Json;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;
using LiveRelay.Operations.Access;

namespace LiveRelay.Operations.Http;

/// <summary>The admin API's answers: camelCase JSON, or RFC 9457 problems; never cached.</summary>
internal static class AdminResponses
{
    private static readonly Dictionary<string, string> NoStore = new(StringComparer.Ordinal) { ["Cache-Control"] = "no-store" };

    public static IntakeHttpResponse Json<T>(int status, T value) => Json(status, JsonSerializer.SerializeToUtf8Bytes(value, LiveRelayJson.Options));

    public static IntakeHttpResponse Json(int status, byte[] json) => new(status, IntakeHttpMapper.JsonContentType, json, NoStore);

    public static IntakeHttpResponse Problem(int status, string type, string title, string detail) => new(
        status,
        IntakeHttpMapper.ProblemContentType,
        JsonSerializer.SerializeToUtf8Bytes(new AdminProblem(IntakeRejected.ProblemTypePrefix + type, title, status, detail), LiveRelayJson.Options),
        NoStore);

    /// <summary>The answer for a request that may not pass, or null when it may.</summary>
    public static IntakeHttpResponse? ForAccess(AdminAccess access) => access switch
    {
        AdminAccess.Granted or AdminAccess.Open => null,
        AdminAccess.Unauthorized => Problem(
            401, "admin-unauthorized", "Unauthorized", $"A valid admin key is required in the '{AdminKeyVerifier.HeaderName}' header."),
        AdminAccess.KeysUnavailable => Problem(
            503, "admin-key-unavailable", "Admin key unavailable",
            $"The admin keys are configured as secrets ({AdminOptions.SectionName}:{nameof(AdminOptions.KeySecretNames)}) and none could be read now; the host's log says why."),
        _ => Problem(
            403, "admin-disabled", "The admin API is disabled",
            $"No admin key is configured. Set {AdminOptions.SectionName}:{nameof(AdminOptions.KeySecretNames)}:0 to the name of a secret that holds one " +
            $"(Key Vault in Azure), or {AdminOptions.SectionName}:{nameof(AdminOptions.Keys)}:<name> to a key, and send it as '{AdminKeyVerifier.HeaderName}'. " +
            "Without a key the admin API answers only loopback requests in Development."),
    };

    private sealed record AdminProblem(string Type, string Title, int Status, string Detail);
}
