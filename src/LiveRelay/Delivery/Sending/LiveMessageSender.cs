using System.Threading.RateLimiting;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Messages;
using LiveRelay.Operations.Status;
using LiveRelay.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace LiveRelay.Delivery.Sending;

/// <summary>
/// The shared sender. Each try waits for its operation's pacing slot (outside the call's own timeout), then
/// makes one Live API call. A message whose slot is further away than <see cref="FleetPacingOptions.MaxPacingWait"/>
/// is not held: it comes back <see cref="SendFailureKind.Deferred"/>, to be handed back to its queue. Throttling lowers the pacing rate and honours <c>x-acs-retry-after</c>; throttling
/// and transient failures are retried with exponential backoff and jitter, at most
/// <see cref="DeliveryOptions.MaxAttempts"/> tries within <see cref="DeliveryOptions.MaxRetryDuration"/>;
/// an authentication failure refreshes the credential and tries exactly once more; permanent errors and
/// invalid requests are never retried.
/// </summary>
public sealed class LiveMessageSender : ILiveMessageSender
{
    internal const string PermanentKind = "permanent";
    internal const string RetryLaterKind = "retry_later";
    internal const string DeferredKind = "deferred";
    internal const string PacingBacklogCode = "PacingBacklog";

    private static readonly ResiliencePropertyKey<SendState> StateKey = new("LiveRelay.Delivery.Send");

    private readonly ILiveApiClient _client;
    private readonly IAlibabaCloudCredentialProvider _credentials;
    private readonly DeliveryPacing _pacing;
    private readonly DeliveryMetrics _metrics;
    private readonly DeliveryOptions _options;
    private readonly TimeSpan _maxPacingWait;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly RetryBackoff _backoff;
    private readonly ResiliencePipeline _pipeline;
    private readonly DeliveryActivity? _activity;

    public LiveMessageSender(
        ILiveApiClient client,
        IAlibabaCloudCredentialProvider credentials,
        DeliveryPacing pacing,
        DeliveryMetrics metrics,
        IOptions<DeliveryOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<LiveMessageSender>? logger = null,
        IOptions<FleetPacingOptions>? fleetOptions = null,
        DeliveryActivity? activity = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(pacing);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _credentials = credentials;
        _pacing = pacing;
        _metrics = metrics;
        _options = options.Value;
        _maxPacingWait = (fleetOptions?.Value ?? new FleetPacingOptions()).MaxPacingWait;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _activity = activity;
        _backoff = new RetryBackoff(_options.RetryBaseDelay, _options.RetryMaxDelay);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                // Room for MaxAttempts - 1 retries plus the one try after a credential refresh; ShouldRetry decides which happen.
                MaxRetryAttempts = _options.MaxAttempts,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Exception, args.Context)),
                DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(State(args.Context).NextDelay),
                OnRetry = args => OnRetryAsync(args.Outcome.Exception, args.Context),
            })
            .Build();
    }

    public async Task<SendResult> SendAsync(LiveMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var operation = OperationOf(message.Kind);
        var started = _timeProvider.GetTimestamp();

        var failures = message.Validate();
        if (failures.Count > 0)
        {
            return Finish(operation, started, new SendFailed(
                SendFailureKind.Permanent, "InvalidRequest", $"{operation} request is invalid: {string.Join("; ", failures)}", 0));
        }

        _metrics.Accepted(operation);
        var state = new SendState(message, operation, _pacing.For(message.Kind), started);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        state.Pacing.BeginSend();
        try
        {
            var result = await _pipeline.ExecuteAsync(static (ctx, self) => self.AttemptAsync(ctx), context, this).ConfigureAwait(false);
            return Finish(operation, started, result);
        }
        catch (LiveApiException ex)
        {
            var permanent = ex.Kind == LiveApiErrorKind.Permanent;
            return Finish(operation, started, new SendFailed(
                permanent ? SendFailureKind.Permanent : SendFailureKind.RetryLater,
                ex.Code,
                string.IsNullOrEmpty(ex.ErrorMessage) ? ex.Message : ex.ErrorMessage,
                state.Attempts,
                permanent ? null : SuggestedDelay(state, ex.RetryAfter),
                ex.RequestId));
        }
        catch (LiveRequestValidationException ex)
        {
            return Finish(operation, started, new SendFailed(SendFailureKind.Permanent, "InvalidRequest", ex.Message, state.Attempts));
        }
        catch (PacingBacklogException ex) when (state.Attempts == 0)
        {
            return Finish(operation, started, new SendFailed(SendFailureKind.Deferred, PacingBacklogCode, ex.Message, 0, HandBackDelay(ex.Wait)));
        }
        catch (PacingBacklogException ex)
        {
            return Finish(operation, started, new SendFailed(SendFailureKind.RetryLater, PacingBacklogCode, ex.Message, state.Attempts, ex.Wait));
        }
        catch (SecretUnavailableException ex)
        {
            // No key pair yet (a new deployment, a role assignment still applying): the message waits for it.
            return Finish(operation, started, new SendFailed(SendFailureKind.RetryLater, "CredentialUnavailable", ex.Message, state.Attempts, SuggestedDelay(state, null)));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            DeliveryLog.Unexpected(_logger, operation, state.Attempts, ex);
            return Finish(operation, started, new SendFailed(
                SendFailureKind.RetryLater, "Unexpected", $"{operation} failed with {ex.GetType().Name}.", state.Attempts, SuggestedDelay(state, null)));
        }
        finally
        {
            state.Pacing.EndSend();
            ResilienceContextPool.Shared.Return(context);
        }
    }

    internal static string OperationOf(MessageKind kind) =>
        kind == MessageKind.Group ? LiveApiActions.SendMessageToGroup : LiveApiActions.SendLiveMessageUser;

    /// <summary>
    /// When a message handed back for pacing should come back: after its estimated wait, plus up to as much again at
    /// random, so that a backlog handed back at once by many processes returns spread out instead of all together.
    /// </summary>
    private static TimeSpan HandBackDelay(TimeSpan wait)
    {
        var spread = wait * (1 + Random.Shared.NextDouble());
        return spread < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : spread > TimeSpan.FromMinutes(10) ? TimeSpan.FromMinutes(10) : spread;
    }

    private static SendState State(ResilienceContext context) => context.Properties.GetValue(StateKey, null!);

    private static string Describe(LiveApiErrorKind kind) => kind switch
    {
        LiveApiErrorKind.Throttled => "throttled",
        LiveApiErrorKind.Transient => "transient",
        LiveApiErrorKind.Authentication => "authentication",
        _ => PermanentKind,
    };

    private async ValueTask<SendResult> AttemptAsync(ResilienceContext context)
    {
        var state = State(context);
        var cancellationToken = context.CancellationToken;

        // The pacing wait comes before the call, so it never eats into the call's own timeout.
        var remaining = _options.MaxRetryDuration - _timeProvider.GetElapsedTime(state.Started);
        using (var lease = await state.Pacing.Limiter.WaitForTurnAsync(remaining < _maxPacingWait ? remaining : _maxPacingWait, cancellationToken).ConfigureAwait(false))
        {
            if (!lease.IsAcquired)
            {
                lease.TryGetMetadata(MetadataName.RetryAfter, out var wait);
                throw new PacingBacklogException(state.Operation, wait);
            }
        }

        state.Attempts++;
        _activity?.RecordCall(state.Message.Kind);
        var callStarted = _timeProvider.GetTimestamp();
        try
        {
            SendResult result = state.Message switch
            {
                GroupLiveMessage group => Succeeded(await _client.SendMessageToGroupAsync(group.Request, cancellationToken).ConfigureAwait(false), state),
                UserLiveMessage user => Succeeded(await _client.SendLiveMessageUserAsync(user.Request, cancellationToken).ConfigureAwait(false), state),
                _ => throw new NotSupportedException($"Message kind {state.Message.Kind} has no operation."),
            };
            CallCompleted(state, "success", callStarted);
            return result;
        }
        catch (LiveApiException ex)
        {
            CallCompleted(state, Describe(ex.Kind), callStarted);
            if (ex.Kind == LiveApiErrorKind.Throttled)
            {
                var rate = state.Pacing.Rate.OnThrottled();
                if (ex.RetryAfter is { } retryAfter)
                {
                    state.Pacing.PauseFor(retryAfter);
                }

                _metrics.Throttled(state.Operation, ex.Code);
                DeliveryLog.Throttled(_logger, state.Operation, ex.Code, rate, ex.RetryAfter?.TotalMilliseconds);
            }

            throw;
        }
    }

    private void CallCompleted(SendState state, string outcome, long callStarted)
    {
        var duration = _timeProvider.GetElapsedTime(callStarted);
        _metrics.CallCompleted(state.Operation, outcome, duration);
        state.Pacing.RecordCall(duration);
    }

    private bool ShouldRetry(Exception? exception, ResilienceContext context)
    {
        if (exception is not LiveApiException error)
        {
            return false;
        }

        var state = State(context);
        switch (error.Kind)
        {
            case LiveApiErrorKind.Authentication when !state.CredentialRefreshed:
                state.CredentialRefreshed = true;
                state.NextDelay = TimeSpan.Zero;
                return true;
            case LiveApiErrorKind.Throttled or LiveApiErrorKind.Transient:
                var tries = state.CountedAttempts;
                state.NextDelay = _backoff.DelayBefore(tries, error.RetryAfter);
                return tries < _options.MaxAttempts
                    && _timeProvider.GetElapsedTime(state.Started) + state.NextDelay < _options.MaxRetryDuration;
            default:
                return false;
        }
    }

    private async ValueTask OnRetryAsync(Exception? exception, ResilienceContext context)
    {
        var state = State(context);
        var error = (LiveApiException)exception!;
        _metrics.Retried(state.Operation, error.Code);
        if (error.Kind != LiveApiErrorKind.Authentication)
        {
            DeliveryLog.Retrying(_logger, state.Operation, state.Attempts, error.Code, Describe(error.Kind), state.NextDelay.TotalMilliseconds);
            return;
        }

        DeliveryLog.RefreshingCredential(_logger, state.Operation, error.Code);
        try
        {
            await _credentials.RefreshAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.CancellationToken.IsCancellationRequested)
        {
            DeliveryLog.CredentialRefreshFailed(_logger, state.Operation, ex);
            throw new LiveApiException(
                LiveApiErrorKind.Authentication,
                "CredentialRefreshFailed",
                $"The API refused the credential ({error.Code}) and refreshing it failed with {ex.GetType().Name}.",
                error.StatusCode,
                error.RequestId,
                innerException: ex);
        }
    }

    private TimeSpan SuggestedDelay(SendState state, TimeSpan? retryAfter) =>
        _backoff.DelayBefore(Math.Max(1, state.CountedAttempts), retryAfter);

    private static SendSucceeded Succeeded(SendMessageToGroupResult result, SendState state) =>
        new(result.RequestId, result.MessageId, state.Attempts);

    private static SendSucceeded Succeeded(SendLiveMessageUserResult result, SendState state) =>
        new(result.RequestId, result.MsgTid, state.Attempts);

    private SendResult Finish(string operation, long started, SendResult result)
    {
        var elapsed = _timeProvider.GetElapsedTime(started);
        switch (result)
        {
            case SendSucceeded delivered:
                _metrics.Delivered(operation);
                _metrics.SendCompleted(operation, "delivered", elapsed);
                DeliveryLog.Delivered(_logger, operation, delivered.RequestId, delivered.MessageId, delivered.Attempts, elapsed.TotalMilliseconds);
                break;
            case SendFailed { Kind: SendFailureKind.Permanent } failed:
                _metrics.Rejected(operation, PermanentKind, failed.Code);
                _metrics.SendCompleted(operation, PermanentKind, elapsed);
                DeliveryLog.RejectedForGood(_logger, operation, failed.Code, failed.Message, failed.Attempts, failed.RequestId);
                break;
            case SendFailed { Kind: SendFailureKind.Deferred } failed:
                _metrics.Deferred(operation);
                _metrics.SendCompleted(operation, DeferredKind, elapsed);
                DeliveryLog.HandedBack(_logger, operation, failed.RetryDelay?.TotalMilliseconds ?? 0);
                break;
            case SendFailed failed:
                _metrics.Rejected(operation, RetryLaterKind, failed.Code);
                _metrics.SendCompleted(operation, RetryLaterKind, elapsed);
                DeliveryLog.NotDeliveredYet(_logger, operation, failed.Code, failed.Message, failed.RetryDelay?.TotalMilliseconds ?? 0, failed.Attempts);
                break;
        }

        return result;
    }

    /// <summary>One send's progress, shared by its tries through the resilience context.</summary>
    private sealed class SendState(LiveMessage message, string operation, OperationPacing pacing, long started)
    {
        public LiveMessage Message { get; } = message;

        public string Operation { get; } = operation;

        public OperationPacing Pacing { get; } = pacing;

        public long Started { get; } = started;

        /// <summary>Calls made.</summary>
        public int Attempts { get; set; }

        public bool CredentialRefreshed { get; set; }

        /// <summary>Calls that count against MaxAttempts: the one try after a credential refresh is extra.</summary>
        public int CountedAttempts => CredentialRefreshed ? Math.Max(1, Attempts - 1) : Attempts;

        public TimeSpan NextDelay { get; set; }
    }
}
