using System.Net;
using System.Text;

namespace LiveRelay.AlibabaCloud.Tests.Support;

/// <summary>What <see cref="CapturingHttpServer"/> does with a request it has captured.</summary>
public sealed record CannedResponse
{
    public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public byte[] Body { get; init; } = [];

    /// <summary>Send the body with chunked transfer encoding, so the client does not know its length in advance.</summary>
    public bool Chunked { get; init; }

    /// <summary>Send nothing at all and keep the connection open until the client gives up.</summary>
    public bool StallBeforeHeaders { get; init; }

    /// <summary>Send the headers and this many body bytes, then keep the connection open until the client gives up.</summary>
    public int? StallAfterBodyBytes { get; init; }

    /// <summary>Send the headers and this many body bytes, then close the connection.</summary>
    public int? CloseAfterBodyBytes { get; init; }

    public static CannedResponse Json(HttpStatusCode status, string json, params KeyValuePair<string, string>[] headers) =>
        new()
        {
            Status = status,
            Body = Encoding.UTF8.GetBytes(json),
            Headers = [new("Content-Type", "application/json;charset=utf-8"), .. headers],
        };

    public static CannedResponse Text(HttpStatusCode status, string contentType, string text) =>
        new() { Status = status, Body = Encoding.UTF8.GetBytes(text), Headers = [new("Content-Type", contentType)] };

    public static CannedResponse Empty(HttpStatusCode status) => new() { Status = status };

    public static CannedResponse Stall() => new() { StallBeforeHeaders = true };
}
