using System.Globalization;
using System.Text;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>
/// Turns a <see cref="LiveApiCall"/> into a signed HTTP request in the shape the official SDKs send
/// (darabonba openapi client): POST to <c>/</c>, RPC style, form body, V3 or V1 signature.
/// Pure: the time and nonce are inputs, so results are repeatable.
/// </summary>
public static class LiveApiRequestSigner
{
    public const string FormContentType = "application/x-www-form-urlencoded";

    public static SignedLiveApiRequest Sign(
        LiveApiCall call,
        Uri endpoint,
        SignatureVersion version,
        AlibabaCloudCredential credential,
        DateTimeOffset timestamp,
        string nonce)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrEmpty(nonce);

        var body = call.Body.Count == 0 ? [] : FormBody(call.Body);
        var contentType = call.Body.Count == 0 ? null : FormContentType;
        var date = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return version == SignatureVersion.V1
            ? SignV1(call, endpoint, credential, date, nonce, body, contentType)
            : SignV3(call, endpoint, credential, date, nonce, body, contentType);
    }

    private static SignedLiveApiRequest SignV3(
        LiveApiCall call, Uri endpoint, AlibabaCloudCredential credential, string date, string nonce, byte[] body, string? contentType)
    {
        var payloadHash = AcsSignatureV3.HashPayload(body);
        var signed = new List<KeyValuePair<string, string>>(9)
        {
            new("host", endpoint.Authority),
            new("x-acs-action", call.Action),
            new("x-acs-content-sha256", payloadHash),
            new("x-acs-date", date),
            new("x-acs-signature-nonce", nonce),
            new("x-acs-version", LiveApiActions.ApiVersion),
        };
        if (contentType is not null)
        {
            signed.Add(new("content-type", contentType));
        }

        if (credential.SecurityToken is { } token)
        {
            signed.Add(new("x-acs-accesskey-id", credential.AccessKeyId));
            signed.Add(new("x-acs-security-token", token));
        }

        var canonical = AcsSignatureV3.BuildCanonicalRequest(
            SignedLiveApiRequest.Method, "/", call.Query, signed, payloadHash, out var signedHeaders);
        var stringToSign = AcsSignatureV3.BuildStringToSign(canonical);
        var signature = AcsSignatureV3.ComputeSignature(stringToSign, credential.AccessKeySecret);

        // host and content-type are set by HttpClient from the URI and the content.
        var headers = new List<KeyValuePair<string, string>>(signed.Count);
        foreach (var header in signed)
        {
            if (header.Key is not ("host" or "content-type"))
            {
                headers.Add(header);
            }
        }

        headers.Add(new("Authorization", AcsSignatureV3.BuildAuthorization(credential.AccessKeyId, signedHeaders, signature)));
        return new SignedLiveApiRequest(BuildUri(endpoint, call.Query), headers, body, contentType, stringToSign, canonical);
    }

    private static SignedLiveApiRequest SignV1(
        LiveApiCall call, Uri endpoint, AlibabaCloudCredential credential, string date, string nonce, byte[] body, string? contentType)
    {
        var query = new List<KeyValuePair<string, string>>(call.Query.Count + 10)
        {
            new("Action", call.Action),
            new("Format", "json"),
            new("Version", LiveApiActions.ApiVersion),
            new("Timestamp", date),
            new("SignatureNonce", nonce),
        };
        query.AddRange(call.Query);
        if (credential.SecurityToken is { } token)
        {
            query.Add(new("SecurityToken", token));
        }

        query.Add(new("SignatureMethod", RpcSignatureV1.SignatureMethod));
        query.Add(new("SignatureVersion", RpcSignatureV1.Version));
        query.Add(new("AccessKeyId", credential.AccessKeyId));

        var stringToSign = RpcSignatureV1.BuildStringToSign(SignedLiveApiRequest.Method, query.Concat(call.Body));
        query.Add(new("Signature", RpcSignatureV1.ComputeSignature(stringToSign, credential.AccessKeySecret)));

        var headers = new List<KeyValuePair<string, string>>
        {
            new("x-acs-action", call.Action),
            new("x-acs-version", LiveApiActions.ApiVersion),
        };
        return new SignedLiveApiRequest(BuildUri(endpoint, query), headers, body, contentType, stringToSign, null);
    }

    /// <summary>The form body's bytes. Form encoding leaves only ASCII, so the characters are the bytes.</summary>
    private static byte[] FormBody(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var builder = StringBuilderCache.Acquire(256);
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            AcsPercentEncoding.EncodeForm(builder, parameters[i].Key);
            builder.Append('=');
            AcsPercentEncoding.EncodeForm(builder, parameters[i].Value);
        }

        var bytes = new byte[builder.Length];
        var written = 0;
        foreach (var chunk in builder.GetChunks())
        {
            written += Encoding.ASCII.GetBytes(chunk.Span, bytes.AsSpan(written));
        }

        StringBuilderCache.Release(builder);
        return bytes;
    }

    private static Uri BuildUri(Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var builder = StringBuilderCache.Acquire(256);
        builder.Append(endpoint.Scheme).Append("://").Append(endpoint.Authority).Append('/');
        for (var i = 0; i < query.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&');
            AcsPercentEncoding.Encode(builder, query[i].Key);
            builder.Append('=');
            AcsPercentEncoding.Encode(builder, query[i].Value);
        }

        return new Uri(StringBuilderCache.GetStringAndRelease(builder));
    }
}
