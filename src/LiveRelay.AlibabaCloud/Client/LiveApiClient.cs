using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>Signs and sends Live messaging calls, and turns every answer into a result or a classified <see cref="LiveApiException"/>.</summary>
public sealed partial class LiveApiClient : ILiveApiClient
{
    private const int MaxResponseBytes = 1024 * 1024;
    private static readonly ProductInfoHeaderValue UserAgent = new("LiveRelay", "1.0");

    private readonly HttpClient _httpClient;
    private readonly IAlibabaCloudCredentialProvider _credentials;
    private readonly AlibabaCloudOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public LiveApiClient(
        HttpClient httpClient,
        IAlibabaCloudCredentialProvider credentials,
        IOptions<AlibabaCloudOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<LiveApiClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        _credentials = credentials;
        _options = options.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<SendMessageToGroupResult> SendMessageToGroupAsync(SendMessageToGroupRequest request, CancellationToken cancellationToken = default)
    {
        LiveMessageValidator.ThrowIfInvalid(request);
        using var document = await SendAsync(LiveApiCall.For(request), cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var messageId = root.TryGetProperty("Result", out var result) && result.ValueKind == JsonValueKind.Object
            ? GetString(result, "MessageId")
            : null;
        return new SendMessageToGroupResult(GetString(root, "RequestId") ?? string.Empty, messageId);
    }

    public async Task<SendLiveMessageUserResult> SendLiveMessageUserAsync(SendLiveMessageUserRequest request, CancellationToken cancellationToken = default)
    {
        LiveMessageValidator.ThrowIfInvalid(request);
        using var document = await SendAsync(LiveApiCall.For(request), cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new SendLiveMessageUserResult(GetString(root, "RequestId") ?? string.Empty, GetString(root, "MsgTid") ?? request.MsgTid);
    }

    private async Task<JsonDocument> SendAsync(LiveApiCall call, CancellationToken cancellationToken)
    {
        var credential = await _credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        var signed = LiveApiRequestSigner.Sign(
            call, _options.Endpoint, _options.SignatureVersion, credential, _timeProvider.GetUtcNow(), Guid.NewGuid().ToString("N"));

        using var message = new HttpRequestMessage(HttpMethod.Post, signed.RequestUri);
        message.Headers.UserAgent.Add(UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in signed.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (signed.ContentType is not null)
        {
            message.Content = new ByteArrayContent(signed.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(signed.ContentType);
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = _timeProvider.GetTimestamp();
        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
            LogAnswer(_logger, call.Action, (int)response.StatusCode, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw ToException(response, body);
            }

            return ParseSuccess(response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new LiveApiException(
                LiveApiErrorKind.Transient, "Timeout", $"{call.Action} did not complete within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            throw new LiveApiException(
                LiveApiErrorKind.Transient, "ConnectionFailed", $"{call.Action} could not reach the Live API: {ex.HttpRequestError}.", innerException: ex);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new LiveApiException(
                LiveApiErrorKind.Transient, "InvalidResponse", $"The answer is larger than {MaxResponseBytes} bytes.", response.StatusCode);
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    private static JsonDocument ParseSuccess(HttpStatusCode status, byte[] body)
    {
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        // The call may have been delivered; a retry is safe because user messages carry MsgTid.
        throw new LiveApiException(
            LiveApiErrorKind.Transient, "InvalidResponse", $"The answer was HTTP {(int)status} but not a JSON object: {Excerpt(body)}", status);
    }

    private static LiveApiException ToException(HttpResponseMessage response, byte[] body)
    {
        var status = response.StatusCode;
        var retryAfter = ParseRetryAfter(response);
        string? code = null, message = null, requestId = null, hostId = null, recommend = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = GetString(root, "Code");
                message = GetString(root, "Message");
                requestId = GetString(root, "RequestId");
                hostId = GetString(root, "HostId");
                recommend = GetString(root, "Recommend");
            }
        }
        catch (JsonException)
        {
        }

        if (string.IsNullOrEmpty(code))
        {
            code = $"Http{(int)status}";
            message = body.Length == 0
                ? $"The API answered HTTP {(int)status} with an empty body."
                : $"The API answered HTTP {(int)status} without a JSON error: {Excerpt(body)}";
        }

        return new LiveApiException(
            LiveApiErrorClassifier.Classify(status, code), code, message ?? string.Empty, status, requestId, hostId, recommend, retryAfter);
    }

    private static TimeSpan? ParseRetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("x-acs-retry-after", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0 && milliseconds < TimeSpan.FromHours(1).TotalMilliseconds)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return null;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string Excerpt(byte[] body)
    {
        const int max = 200;
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, max * 4));
        text = new string(text.Select(static c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "...");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live API {Action} answered HTTP {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswer(ILogger logger, string action, int status, double elapsedMs);
}
