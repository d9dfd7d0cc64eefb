using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>
/// Sends one Queue service REST call: versioned, dated, authorized, bounded in time, and turned into a
/// <see cref="QueueServiceResponse"/> or a <see cref="MessageQueueException"/>. No hidden retries.
/// </summary>
internal sealed partial class QueueServiceRequestSender(
    IHttpClientFactory httpClientFactory,
    string httpClientName,
    Uri serviceUri,
    IQueueRequestAuthorizer authorizer,
    TimeSpan requestTimeout,
    TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>A current version Azurite 3.37 accepts.</summary>
    public const string ApiVersion = "2025-11-05";

    private const int MaxResponseBytes = 8 * 1024 * 1024;
    private static readonly MediaTypeHeaderValue XmlContentType = new("application/xml") { CharSet = "utf-8" };
    private static readonly ProductInfoHeaderValue UserAgent = new("LiveRelay", "1.0");

    public async Task<QueueServiceResponse> SendAsync(
        string queueName,
        string operation,
        HttpMethod method,
        string path,
        IReadOnlyList<KeyValuePair<string, string>> query,
        byte[]? body,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, BuildUri(path, query));
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.TryAddWithoutValidation("x-ms-version", ApiVersion);
        request.Headers.TryAddWithoutValidation("x-ms-date", timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString("D"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = XmlContentType;
            request.Content.Headers.ContentLength = body.Length;
        }

        using var timeout = new CancellationTokenSource(requestTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await authorizer.AuthorizeAsync(request, query, linked.Token).ConfigureAwait(false);
            using var response = await httpClientFactory.CreateClient(httpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var content = await ReadBodyAsync(queueName, operation, response, linked.Token).ConfigureAwait(false);
            LogAnswer(logger, queueName, operation, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw ToException(queueName, operation, request, response, content);
            }

            return new QueueServiceResponse(response.StatusCode, MsHeaders(response), content);
        }
        catch (MessageQueueException ex) when (ex.ErrorCode == QueueErrorCodes.CredentialUnavailable && ex.QueueName.Length == 0)
        {
            throw new MessageQueueException(queueName, operation, ex.ErrorCode, ex.ErrorMessage ?? ex.Message, innerException: ex.InnerException);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new MessageQueueException(
                queueName, operation, QueueErrorCodes.Timeout, $"The queue service did not answer within {requestTimeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new MessageQueueException(
                queueName, operation, QueueErrorCodes.ConnectionFailed,
                $"The queue service at {serviceUri.Authority} could not be reached: {ex.HttpRequestError}.", innerException: ex);
        }
    }

    private Uri BuildUri(string path, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var builder = new StringBuilder(serviceUri.AbsoluteUri.Length + path.Length + 64)
            .Append(serviceUri.AbsoluteUri.TrimEnd('/')).Append('/').Append(path);
        for (var i = 0; i < query.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(query[i].Key)).Append('=').Append(Uri.EscapeDataString(query[i].Value));
        }

        return new Uri(builder.ToString());
    }

    private static async Task<byte[]> ReadBodyAsync(string queueName, string operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new MessageQueueException(
                queueName, operation, QueueErrorCodes.InvalidResponse, $"The answer is larger than {MaxResponseBytes} bytes.", response.StatusCode);
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, string> MsHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            if (name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = string.Join(',', values);
            }
        }

        return headers;
    }

    private MessageQueueException ToException(
        string queueName, string operation, HttpRequestMessage request, HttpResponseMessage response, byte[] body)
    {
        var (code, message) = QueueXml.Error(body);
        code ??= response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(code))
        {
            code = $"Http{(int)response.StatusCode}";
        }

        // The service appends "RequestId:...\nTime:..." lines; the request id is reported on its own.
        message = message?.Split('\n', 2)[0].Trim();
        if (string.IsNullOrEmpty(message))
        {
            message = $"The queue service answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase}).";
        }

        if (code is QueueErrorCodes.AuthenticationFailed or QueueErrorCodes.AuthorizationFailure)
        {
            message += " Check the account name and key, or the identity's role on the queue (Storage Queue Data Contributor).";
        }

        if (request.Headers.Authorization?.Parameter is { Length: > 0 } proof)
        {
            message = message.Replace(proof, "[redacted]", StringComparison.Ordinal);
        }

        var requestId = response.Headers.TryGetValues("x-ms-request-id", out var ids) ? ids.FirstOrDefault() : null;
        return new MessageQueueException(queueName, operation, code, authorizer.Redact(message), response.StatusCode, requestId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue} {Operation} answered HTTP {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswer(ILogger logger, string queue, string operation, int status, double elapsedMs);
}
