using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Secrets.Support;

/// <summary>
/// A loopback stand-in for the Live API that accepts a call only when its V3 (ACS3-HMAC-SHA256) or V1 (HMAC-SHA1)
/// signature verifies against one of the key pairs it currently knows, recomputed with the shared signer pieces.
/// Unknown keys answer as Alibaba does (<c>InvalidAccessKeyId.NotFound</c>), bad signatures <c>SignatureDoesNotMatch</c>.
/// </summary>
internal sealed class SignatureCheckingLiveApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (string Secret, string? Token)> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _accepted = new();
    private readonly ConcurrentQueue<string> _rejected = new();
    private readonly WebApplication _app;

    private SignatureCheckingLiveApi(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>The AccessKeyId of every accepted call, in order.</summary>
    public IReadOnlyList<string> Accepted => [.. _accepted];

    /// <summary>The error code of every rejected call, in order.</summary>
    public IReadOnlyList<string> Rejected => [.. _rejected];

    public static async Task<SignatureCheckingLiveApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        SignatureCheckingLiveApi? api = null;
        app.Run(context => api!.HandleAsync(context));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        api = new SignatureCheckingLiveApi(app, new Uri($"http://127.0.0.1:{new Uri(address).Port}/"));
        return api;
    }

    public void Enable(string accessKeyId, string accessKeySecret, string? securityToken = null) =>
        _keys[accessKeyId] = (accessKeySecret, securityToken);

    public void Disable(string accessKeyId) => _keys.TryRemove(accessKeyId, out _);

    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stopping.Token);
        }

        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var query = request.Query.SelectMany(static q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
        var action = request.Headers["x-acs-action"].ToString();

        var (code, accessKeyId) = request.Headers.Authorization.ToString().StartsWith(AcsSignatureV3.Algorithm, StringComparison.Ordinal)
            ? CheckV3(request, query, body)
            : CheckV1(request, query, body);
        if (code is not null)
        {
            _rejected.Enqueue(code);
            context.Response.StatusCode = code == "InvalidAccessKeyId.NotFound" ? 404 : 400;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { RequestId = Guid.NewGuid().ToString(), HostId = "live.aliyuncs.com", Code = code, Message = "Rejected by the test server." }));
            return;
        }

        _accepted.Enqueue(accessKeyId!);
        context.Response.ContentType = "application/json";
        var requestId = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(action == "SendLiveMessageUser"
            ? JsonSerializer.Serialize(new { RequestId = requestId, MsgTid = request.Query["MsgTid"].ToString() })
            : JsonSerializer.Serialize(new { RequestId = requestId, Result = new { MessageId = "m-" + requestId[..8] } }));
    }

    private (string? Code, string? AccessKeyId) CheckV3(HttpRequest request, List<KeyValuePair<string, string>> query, byte[] body)
    {
        // ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=a;b,Signature=<hex>
        var parts = request.Headers.Authorization.ToString()[(AcsSignatureV3.Algorithm.Length + 1)..]
            .Split(',')
            .Select(static p => p.Split('=', 2))
            .ToDictionary(static p => p[0].Trim(), static p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
        var accessKeyId = parts.GetValueOrDefault("Credential") ?? string.Empty;
        if (!_keys.TryGetValue(accessKeyId, out var key))
        {
            return ("InvalidAccessKeyId.NotFound", null);
        }

        var hash = AcsSignatureV3.HashPayload(body);
        if (request.Headers["x-acs-content-sha256"] != hash)
        {
            return ("IncompleteSignature", null);
        }

        var signedNames = (parts.GetValueOrDefault("SignedHeaders") ?? string.Empty).Split(';');
        var headers = signedNames.Select(n => new KeyValuePair<string, string>(n, n == "host" ? request.Host.Value! : request.Headers[n].ToString()));
        var canonical = AcsSignatureV3.BuildCanonicalRequest(request.Method, request.Path.Value ?? "/", query, headers, hash, out _);
        var expected = AcsSignatureV3.ComputeSignature(AcsSignatureV3.BuildStringToSign(canonical), key.Secret);
        if (!SameText(expected, parts.GetValueOrDefault("Signature")))
        {
            return ("SignatureDoesNotMatch", null);
        }

        return TokenMatches(key.Token, request.Headers["x-acs-security-token"].ToString(), signedNames.Contains("x-acs-security-token"))
            ? (null, accessKeyId)
            : ("InvalidSecurityToken.Mismatch", null);
    }

    private (string? Code, string? AccessKeyId) CheckV1(HttpRequest request, List<KeyValuePair<string, string>> query, byte[] body)
    {
        var accessKeyId = request.Query["AccessKeyId"].ToString();
        if (!_keys.TryGetValue(accessKeyId, out var key))
        {
            return ("InvalidAccessKeyId.NotFound", null);
        }

        var form = body.Length == 0
            ? []
            : QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).SelectMany(static f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty)));
        var stringToSign = RpcSignatureV1.BuildStringToSign(request.Method, query.Concat(form));
        if (!SameText(RpcSignatureV1.ComputeSignature(stringToSign, key.Secret), request.Query["Signature"].ToString()))
        {
            return ("SignatureDoesNotMatch", null);
        }

        var token = request.Query["SecurityToken"].ToString();
        return TokenMatches(key.Token, token, !string.IsNullOrEmpty(token)) ? (null, accessKeyId) : ("InvalidSecurityToken.Mismatch", null);
    }

    private static bool TokenMatches(string? expected, string sent, bool signed) =>
        expected is null ? string.IsNullOrEmpty(sent) : signed && SameText(expected, sent);

    private static bool SameText(string expected, string? actual) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
