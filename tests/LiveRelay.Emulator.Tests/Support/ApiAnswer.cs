using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveRelay.Emulator.Tests.Support;

/// <summary>An HTTP answer from the emulator's Live API endpoint, read as the API's JSON.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public string? Code => Body.TryGetProperty("Code", out var code) ? code.GetString() : null;

    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new ApiAnswer(response.StatusCode, body, response);
    }
}
