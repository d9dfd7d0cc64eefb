using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LiveRelay.Emulator.Api;

/// <summary>
/// Writes answers as the API does: JSON, a <c>RequestId</c> in every body, and errors as
/// <c>{RequestId, HostId, Code, Message, Recommend}</c>.
/// </summary>
internal static class ApiResponseWriter
{
    public const string RequestIdHeader = "x-acs-request-id";
    public const string RetryAfterHeader = "x-acs-retry-after";
    private const string JsonContentType = "application/json;charset=utf-8";

    /// <summary>Escapes only what JSON requires, so messages stay readable (the answers are never embedded in HTML).</summary>
    internal static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteErrorAsync(HttpContext context, ApiError error, string requestId, string hostId)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        if (error.RetryAfter is { } retryAfter)
        {
            response.Headers[RetryAfterHeader] = Math.Ceiling(retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, requestId, writer =>
        {
            writer.WriteString("RequestId", requestId);
            writer.WriteString("HostId", hostId);
            writer.WriteString("Code", error.Code);
            writer.WriteString("Message", error.Message);
            writer.WriteString("Recommend", $"https://api.aliyun.com/troubleshoot?q={Uri.EscapeDataString(error.Code)}&product=live&requestId={requestId}");
        });
    }

    /// <summary>SendMessageToGroup's answer: <c>{RequestId, Result: {MessageId}}</c>.</summary>
    public static Task WriteGroupResultAsync(HttpContext context, string requestId, string messageId) =>
        WriteJsonAsync(context, requestId, writer =>
        {
            writer.WriteString("RequestId", requestId);
            writer.WriteStartObject("Result");
            writer.WriteString("MessageId", messageId);
            writer.WriteEndObject();
        });

    /// <summary>SendLiveMessageUser's answer: <c>{RequestId}</c>, as documented.</summary>
    public static Task WriteUserResultAsync(HttpContext context, string requestId) =>
        WriteJsonAsync(context, requestId, writer => writer.WriteString("RequestId", requestId));

    private static async Task WriteJsonAsync(HttpContext context, string requestId, Action<Utf8JsonWriter> writeMembers)
    {
        var response = context.Response;
        response.ContentType = JsonContentType;
        response.Headers[RequestIdHeader] = requestId;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
