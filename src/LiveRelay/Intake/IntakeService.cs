using LiveRelay.Intake.Configuration;
using LiveRelay.Intake.Input;
using LiveRelay.Intake.Json;
using LiveRelay.Intake.Mapping;
using LiveRelay.Intake.Processing;
using LiveRelay.Intake.Results;
using LiveRelay.Intake.Verification;
using LiveRelay.Messages;
using LiveRelay.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake;

/// <summary>
/// Turns what arrives into message envelopes, or a clear rejection. The hosts' three entry points:
/// <see cref="AcceptWebhookAsync"/> (<c>POST /api/webhooks/{source}</c>), <see cref="AcceptMessagesAsync"/>
/// (<c>POST /api/messages</c>) and <see cref="AcceptQueueEventAsync"/> (the <c>live-events</c> queue), plus
/// <see cref="AnswerWebhookOptions"/> for the CloudEvents webhook validation handshake (<c>OPTIONS</c>).
/// Hosts map the result with <see cref="Http.IntakeHttpMapper"/> and enqueue or send accepted envelopes.
/// Caller mistakes never throw: every outcome is a result.
/// </summary>
public sealed partial class IntakeService
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly SourceCatalog _catalog;
    private readonly IntakeOptions _options;
    private readonly ISecretProvider _secrets;
    private readonly TimeProvider _timeProvider;
    private readonly EventProcessor _processor;
    private readonly ILogger<IntakeService> _logger;
    private readonly DeliveryMode _apiDelivery;
    private readonly IdempotencyKeys _idempotencyKeys;

    public IntakeService(
        IOptions<SourcesOptions> sources,
        IOptions<IntakeOptions> options,
        ISecretProvider secrets,
        TimeProvider timeProvider,
        ILogger<IntakeService> logger)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = new SourceCatalog(sources.Value);
        _options = options.Value;
        _secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _idempotencyKeys = new IdempotencyKeys(_timeProvider);
        _processor = new EventProcessor(_options.MaxMessagesPerEvent, _options.MaxBytesPerEvent, _timeProvider);
        if (!OptionValues.TryParseDelivery(_options.ApiDelivery, out _apiDelivery))
        {
            throw new OptionsValidationException(IntakeOptions.SectionName, typeof(IntakeOptions), [$"{IntakeOptions.SectionName}:ApiDelivery must be one of {OptionValues.DeliveryModes}."]);
        }
    }

    /// <summary>The configured source names.</summary>
    public IEnumerable<string> SourceNames => _catalog.Names;

    /// <summary>
    /// A webhook: looks up the source (404), checks the size (413), verifies the signature over the raw bytes (401),
    /// checks the content type (415), parses and maps the event (400). The signature is checked before anything about
    /// the content, so an unauthenticated caller learns nothing about what the source would accept.
    /// </summary>
    /// <param name="source">The <c>{source}</c> route value.</param>
    /// <param name="headers">The request headers (an ASP.NET Core <c>IHeaderDictionary</c> fits).</param>
    /// <param name="contentType">The Content-Type header.</param>
    /// <param name="body">The raw body, exactly as received (signatures cover these bytes).</param>
    /// <param name="cancellationToken">Cancels reading secrets.</param>
    public ValueTask<IntakeResult> AcceptWebhookAsync(
        string source,
        IEnumerable<KeyValuePair<string, StringValues>>? headers,
        string? contentType,
        ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default) =>
        AcceptWebhookAsync(source, headers, contentType, body, skipVerification: false, cancellationToken);

    /// <summary>Every configured source, compiled.</summary>
    internal IEnumerable<CompiledSource> Sources => _catalog.Names.Select(name => _catalog.TryGet(name, out var source) ? source : null!);

    /// <summary>The source's verification scheme, or null when no such source is configured.</summary>
    internal VerificationScheme? SchemeOf(string source) =>
        !string.IsNullOrEmpty(source) && _catalog.TryGet(source, out var compiled) ? compiled.Verifier.Scheme : null;

    /// <summary>
    /// <see cref="AcceptWebhookAsync(string, IEnumerable{KeyValuePair{string, StringValues}}?, string?, ReadOnlyMemory{byte}, CancellationToken)"/>,
    /// optionally without the signature check: only previews skip it, and say so.
    /// </summary>
    internal async ValueTask<IntakeResult> AcceptWebhookAsync(
        string source,
        IEnumerable<KeyValuePair<string, StringValues>>? headers,
        string? contentType,
        ReadOnlyMemory<byte> body,
        bool skipVerification,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(source) || !_catalog.TryGet(source, out var compiled))
        {
            return Log(Rejected(source ?? string.Empty, IntakeRejectionKind.UnknownSource, $"No source named '{Shorten(source)}' is configured."));
        }

        if (body.Length > _options.MaxBodyBytes)
        {
            return Log(Rejected(compiled.Name, IntakeRejectionKind.PayloadTooLarge, $"The body is larger than {_options.MaxBodyBytes} bytes."));
        }

        var webhookHeaders = WebhookHeaders.From(headers);
        if (compiled.Verifier.Scheme != VerificationScheme.None && !skipVerification)
        {
            var unusable = new List<string>();
            var keys = await WebhookKeyRing.LoadAsync(_secrets, compiled.Verifier, compiled.SecretNames, unusable, cancellationToken).ConfigureAwait(false);
            foreach (var reason in unusable)
            {
                LogSecretUnusable(_logger, compiled.Name, reason);
            }

            if (keys.Count == 0)
            {
                LogNoSigningKey(_logger, compiled.Name, compiled.SecretNames.Count);
                return Log(Rejected(compiled.Name, IntakeRejectionKind.VerificationUnavailable, "None of the source's signing secrets can be read; try again later."));
            }

            var outcome = compiled.Verifier.Verify(webhookHeaders, body.Span, keys, _timeProvider.GetUtcNow());
            if (outcome.Status != VerificationStatus.Verified)
            {
                return Log(Rejected(compiled.Name, IntakeRejectionKind.SignatureInvalid, outcome.Detail!));
            }
        }

        var mediaType = MediaTypes.Classify(contentType, out var mediaError);
        if (mediaType == BodyMediaType.Unsupported)
        {
            return Log(Rejected(compiled.Name, IntakeRejectionKind.UnsupportedMediaType, mediaError!));
        }

        var json = body;
        if (mediaType == BodyMediaType.Form)
        {
            if (FormPayload.TryExtract(body.Span, out var formError) is not { } payload)
            {
                return Log(Rejected(compiled.Name, IntakeRejectionKind.MalformedEvent, formError!));
            }

            json = payload;
        }

        if (!EventJson.TryParse(json.Span, out var root, out var parseError))
        {
            return Log(Rejected(compiled.Name, IntakeRejectionKind.MalformedEvent, parseError!));
        }

        var traceParent = TraceContext.Resolve(webhookHeaders.Get(TraceContext.HeaderName));
        return Log(_processor.Process(compiled, root!, body.Span, webhookHeaders, null, traceParent));
    }

    /// <summary>
    /// The CloudEvents webhook validation handshake (abuse protection, used by Event Grid for the CloudEvents schema):
    /// answers an <c>OPTIONS</c> request for a known source by allowing the requesting origin.
    /// </summary>
    public IntakeResult AnswerWebhookOptions(string source, IEnumerable<KeyValuePair<string, StringValues>>? headers)
    {
        if (string.IsNullOrEmpty(source) || !_catalog.TryGet(source, out var compiled))
        {
            return Log(Rejected(source ?? string.Empty, IntakeRejectionKind.UnknownSource, $"No source named '{Shorten(source)}' is configured."));
        }

        var origin = WebhookHeaders.From(headers).Get("WebHook-Request-Origin");
        var answer = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Allow"] = "POST, OPTIONS" };
        if (origin is not null)
        {
            answer["WebHook-Allowed-Origin"] = origin.Trim();
            answer["WebHook-Allowed-Rate"] = "*";
        }

        return new IntakeHandshake { Source = compiled.Name, Headers = answer };
    }

    /// <summary>
    /// Already-normalized message requests (<c>/api/messages</c>, source <c>api</c>): one item or an array of items,
    /// each <c>{"kind":"group"|"user","request":{...}}</c>. The event id is the <c>Idempotency-Key</c> header when sent,
    /// otherwise a hash of the body. Callers are authenticated by the host (function keys), not here.
    /// </summary>
    public ValueTask<IntakeResult> AcceptMessagesAsync(
        IEnumerable<KeyValuePair<string, StringValues>>? headers,
        string? contentType,
        ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken = default)
    {
        const string source = SourcesOptions.ApiSourceName;
        if (body.Length > _options.MaxBodyBytes)
        {
            return Done(Rejected(source, IntakeRejectionKind.PayloadTooLarge, $"The body is larger than {_options.MaxBodyBytes} bytes."));
        }

        if (MediaTypes.Classify(contentType, out var mediaError) != BodyMediaType.Json)
        {
            return Done(Rejected(source, IntakeRejectionKind.UnsupportedMediaType, mediaError ?? "Send application/json."));
        }

        var webhookHeaders = WebhookHeaders.From(headers);
        var eventId = webhookHeaders.Get(IdempotencyKeyHeader)?.Trim();
        if (eventId is { Length: > EventIdStrategy.MaxLength })
        {
            return Done(Rejected(source, IntakeRejectionKind.MalformedEvent, $"The {IdempotencyKeyHeader} header is longer than {EventIdStrategy.MaxLength} characters."));
        }

        var bodyHash = MessageIds.ForBody(body.Span);
        var keyed = !string.IsNullOrEmpty(eventId);
        eventId = keyed ? eventId! : bodyHash;
        var errors = new IntakeErrorList();
        var messages = NormalizedRequestReader.TryRead(body, errors, out var itemCount, out var malformed);
        if (malformed is not null)
        {
            return Done(Rejected(source, IntakeRejectionKind.MalformedEvent, malformed));
        }

        if (itemCount > _options.MaxMessagesPerEvent)
        {
            return Done(Rejected(source, IntakeRejectionKind.TooManyMessages, $"The request holds {itemCount} messages; at most {_options.MaxMessagesPerEvent} are allowed (LiveRelay:Intake:MaxMessagesPerEvent)."));
        }

        if (messages is null)
        {
            return Done(new IntakeRejected
            {
                Source = source, Kind = IntakeRejectionKind.InvalidMessage, Detail = errors.Describe("A message request is invalid"), Errors = errors.Errors,
            });
        }

        // Only a valid request claims its key, so a corrected retry after a 400 is not refused.
        if (keyed && !_idempotencyKeys.TryUse(eventId, bodyHash))
        {
            return Done(Rejected(source, IntakeRejectionKind.IdempotencyKeyReused, $"The {IdempotencyKeyHeader} header's value was already used with a different body in the last {IdempotencyKeys.Retention.TotalHours:0} hours. Use a new key for a new request."));
        }

        var createdAt = _timeProvider.GetUtcNow();
        var traceParent = TraceContext.Resolve(webhookHeaders.Get(TraceContext.HeaderName));
        var envelopes = new List<MessageEnvelope>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var id = MessageIds.ForMessage(source, eventId, i);
            var message = messages[i] is UserLiveMessage { Request.MsgTid: null } user
                ? new UserLiveMessage(user.Request with { MsgTid = id })
                : messages[i];
            envelopes.Add(new MessageEnvelope(id, source, eventId, createdAt, message, traceParent));
        }

        return Done(new IntakeAccepted { Source = source, Delivery = _apiDelivery, Envelopes = envelopes, EventIds = [eventId] });
    }

    /// <summary>
    /// An event from an internal producer on <c>live-events</c>: <c>{"source","eventId"?,"headers"?,"traceParent"?,"event"}</c>,
    /// JSON or base64. Producers are trusted, so no signature is checked; the named source's format, filter and mapping
    /// apply. A rejection means the message can never succeed (poison it with the reason).
    /// </summary>
    public ValueTask<IntakeResult> AcceptQueueEventAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length > _options.MaxBodyBytes)
        {
            return Done(Rejected(string.Empty, IntakeRejectionKind.PayloadTooLarge, $"The queue message is larger than {_options.MaxBodyBytes} characters."));
        }

        var queued = QueueEventReader.TryRead(message, out var readError);
        if (queued is null)
        {
            return Done(Rejected(string.Empty, IntakeRejectionKind.MalformedEvent, readError!));
        }

        if (!_catalog.TryGet(queued.Source, out var compiled))
        {
            return Done(Rejected(queued.Source, IntakeRejectionKind.UnknownSource, $"No source named '{Shorten(queued.Source)}' is configured."));
        }

        if (!EventJson.TryParse(queued.EventJson, out var root, out var parseError))
        {
            return Done(Rejected(compiled.Name, IntakeRejectionKind.MalformedEvent, parseError!));
        }

        var traceParent = TraceContext.Resolve(queued.TraceParent);
        return Done(_processor.Process(compiled, root!, queued.EventJson, queued.Headers, queued.EventId, traceParent));
    }

    private ValueTask<IntakeResult> Done(IntakeResult result) => ValueTask.FromResult(Log(result));

    private IntakeResult Log(IntakeResult result)
    {
        switch (result)
        {
            case IntakeRejected rejected:
                LogRejected(_logger, rejected.Source, rejected.Status, rejected.Type, rejected.Detail);
                break;
            case IntakeAccepted accepted:
                LogAccepted(_logger, accepted.Source, accepted.Envelopes.Count, accepted.EventIds.Count, accepted.Delivery);
                break;
            case IntakeIgnored ignored:
                LogIgnored(_logger, ignored.Source, ignored.Reason);
                break;
        }

        return result;
    }

    private static IntakeRejected Rejected(string source, IntakeRejectionKind kind, string detail) =>
        new() { Source = source, Kind = kind, Detail = detail };

    private static string Shorten(string? value) =>
        value is null ? string.Empty : value.Length <= 64 ? value : value[..64] + "...";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Intake for source '{Source}' rejected: {Status} {ProblemType}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string source, int status, string problemType, string detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Intake for source '{Source}' accepted {Messages} message(s) from {Events} event(s), delivery {Delivery}")]
    private static partial void LogAccepted(ILogger logger, string source, int messages, int events, DeliveryMode delivery);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Intake for source '{Source}' ignored the request: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A signing secret of source '{Source}' cannot be used: {Reason}")]
    private static partial void LogSecretUnusable(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Source '{Source}' answers 503 verification-unavailable: none of its {Count} signing secret(s) (Verification:SecretNames) yields a key; the warnings before this one say which and why")]
    private static partial void LogNoSigningKey(ILogger logger, string source, int count);
}
