using LiveRelay.Intake.Http;
using Microsoft.AspNetCore.Mvc;

namespace LiveRelay.Functions.Http;

/// <summary>Writes a RelayService answer as it is: status, headers, content type and body bytes.</summary>
internal sealed class RelayHttpResult(IntakeHttpResponse response) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext.Response;
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            http.ContentType = response.ContentType;
        }

        http.ContentLength = response.Body.Length;
        if (!response.Body.IsEmpty)
        {
            await http.Body.WriteAsync(response.Body, context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
