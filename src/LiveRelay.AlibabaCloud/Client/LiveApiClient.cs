using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
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
            ? LiveApiResponseReader.GetString(result, "MessageId")
            : null;
        return new SendMessageToGroupResult(LiveApiResponseReader.GetString(root, "RequestId") ?? string.Empty, messageId);
    }

    public async Task<SendLiveMessageUserResult> SendLiveMessageUserAsync(SendLiveMessageUserRequest request, CancellationToken cancellationToken = default)
    {
        LiveMessageValidator.ThrowIfInvalid(request);
        using var document = await SendAsync(LiveApiCall.For(request), cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new SendLiveMessageUserResult(
            LiveApiResponseReader.GetString(root, "RequestId") ?? string.Empty, LiveApiResponseReader.GetString(root, "MsgTid") ?? request.MsgTid);
    }

    private async Task<JsonDocument> SendAsync(LiveApiCall call, CancellationToken cancellationToken)
    {
        using var activity = LiveApiTelemetry.StartCall(call.Action);
        try
        {
            var document = await SendOnceAsync(call, activity, cancellationToken).ConfigureAwait(false);
            LiveApiTelemetry.Answered(activity, LiveApiResponseReader.GetString(document.RootElement, "RequestId"));
            return document;
        }
        catch (LiveApiException ex)
        {
            LiveApiTelemetry.Failed(activity, ex);
            throw;
        }
    }

    private async Task<JsonDocument> SendOnceAsync(LiveApiCall call, Activity? activity, CancellationToken cancellationToken)
    {
        var credential = await _credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        var signed = LiveApiRequestSigner.Sign(
            call, _options.Endpoint, _options.SignatureVersion, credential, _timeProvider.GetUtcNow(), Guid.NewGuid().ToString("N"));
        using var message = ToHttpRequest(signed);

        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = _timeProvider.GetTimestamp();
        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await LiveApiResponseReader.ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
            LogAnswer(_logger, call.Action, (int)response.StatusCode, _timeProvider.GetElapsedTime(started).TotalMilliseconds);
            activity?.SetTag(LiveApiTelemetry.StatusCodeTag, (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                throw LiveApiResponseReader.ToException(response, body);
            }

            return LiveApiResponseReader.ParseSuccess(response.StatusCode, body);
        }
        catch (OperationCanceledException ex) when (ex.CancellationToken == cancellationToken && cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            throw Translate(ex, call.Action, cancellationToken);
        }
    }

    private static HttpRequestMessage ToHttpRequest(SignedLiveApiRequest signed)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, signed.RequestUri);
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

        return message;
    }

    /// <summary>
    /// The caller's own cancellation stays an <see cref="OperationCanceledException"/> (carrying the caller's token);
    /// any other cancellation is our timeout (or the HttpClient's); socket and protocol failures are connection failures.
    /// </summary>
    private Exception Translate(Exception ex, string action, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException($"{action} was cancelled by the caller.", ex, cancellationToken);
        }

        if (ex is OperationCanceledException)
        {
            return new LiveApiException(
                LiveApiErrorKind.Transient,
                "Timeout",
                string.Create(CultureInfo.InvariantCulture, $"{action} did not complete within {_options.Timeout.TotalSeconds:0.###} s."),
                innerException: ex);
        }

        var reason = ex is HttpRequestException http ? http.HttpRequestError.ToString() : "the connection broke while the answer was read";
        return new LiveApiException(
            LiveApiErrorKind.Transient, "ConnectionFailed", $"{action} could not reach the Live API: {reason}.", innerException: ex);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live API {Action} answered HTTP {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswer(ILogger logger, string action, int status, double elapsedMs);
}
