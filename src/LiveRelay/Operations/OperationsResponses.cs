using System.Text.Json;
using LiveRelay.Intake.Http;
using LiveRelay.Operations.Page;
using LiveRelay.Operations.Status;

namespace LiveRelay.Operations;

/// <summary>The operations endpoints' answers, written the same by both hosts: the page, and the status snapshot as JSON.</summary>
public static class OperationsResponses
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>200 with the operations page, under a Content-Security-Policy that lets it run only its own script and reach only its own origin.</summary>
    public static IntakeHttpResponse Page() => new(
        200,
        HtmlContentType,
        OperationsPage.Html,
        new Dictionary<string, string>
        {
            ["Content-Security-Policy"] = OperationsPage.ContentSecurityPolicy,
            ["X-Content-Type-Options"] = "nosniff",
            ["X-Frame-Options"] = "DENY",
            ["Referrer-Policy"] = "no-referrer",
            ["Cache-Control"] = "no-store",
        });

    /// <summary>200 with the snapshot as camelCase JSON, never cached.</summary>
    public static IntakeHttpResponse Status(OperationsStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(
            200,
            IntakeHttpMapper.JsonContentType,
            JsonSerializer.SerializeToUtf8Bytes(status, OperationsStatusJsonContext.Default.OperationsStatus),
            new Dictionary<string, string>
            {
                ["Cache-Control"] = "no-store",
                ["X-Content-Type-Options"] = "nosniff",
            });
    }
}
