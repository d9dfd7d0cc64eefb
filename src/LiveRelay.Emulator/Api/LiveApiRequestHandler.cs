using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Authentication;
using LiveRelay.Emulator.Faults;
using LiveRelay.Emulator.Inspection;
using LiveRelay.Emulator.Messages;
using LiveRelay.Emulator.Settings;
using LiveRelay.Emulator.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Api;

/// <summary>
/// Answers one Live API call, stage by stage: read it, authenticate it, inject the fault drawn for it, apply the
/// account's rate limit, check its parameters and app, then record and answer it. Every stage's refusal is the API's
/// own error answer.
/// </summary>
internal sealed partial class LiveApiRequestHandler(
    RequestAuthenticator authenticator,
    FaultInjector faults,
    AccountRateLimiter rateLimiter,
    MessageLog messages,
    EmulatorStatistics statistics,
    IOptions<EmulatorOptions> options,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILogger<LiveApiRequestHandler> logger)
{
    /// <summary>A request that is never answered is let go after this long, so no connection is held for ever.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(10);

    private readonly EmulatorOptions _options = options.Value;
    private readonly HashSet<string>? _apps = options.Value.Apps.Count == 0 ? null : new(options.Value.Apps, StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        statistics.CountRequest();
        var requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        var receivedAt = timeProvider.GetUtcNow();
        var aborted = context.RequestAborted;

        if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsGet(context.Request.Method))
        {
            await RejectAsync(context, requestId, null, ApiErrors.HttpMethod()).ConfigureAwait(false);
            return;
        }

        IncomingRequest? request;
        try
        {
            request = await IncomingRequestReader.ReadAsync(context.Request, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (aborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            return;
        }

        if (request is null)
        {
            var tooLarge = ApiErrors.InputInvalid($"The request body must be at most {IncomingRequestReader.MaxBodyBytes} bytes");
            await RejectAsync(context, requestId, null, tooLarge).ConfigureAwait(false);
            return;
        }

        if (!authenticator.TryAuthenticate(request, out var caller, out var error))
        {
            await RejectAsync(context, requestId, null, error!).ConfigureAwait(false);
            return;
        }

        var action = caller!.Action;
        var decision = faults.Next();
        if (decision.Kind != FaultKind.None && decision.Kind != FaultKind.LostAnswer)
        {
            statistics.CountFault(decision.Kind);
            LogFault(logger, action, decision.Kind, requestId);
            await InjectAsync(context, requestId, action, decision).ConfigureAwait(false);
            return;
        }

        if (!rateLimiter.TryAcquire(action, out var retryAfter))
        {
            statistics.CountThrottled(action);
            var throttled = ApiErrors.Throttled(_options.RateLimits.RetryAfterHeader ? retryAfter : null);
            await AnswerErrorAsync(context, requestId, action, throttled, decision.Delay).ConfigureAwait(false);
            return;
        }

        var parameters = LiveMessageParameters.Collect(request, action);
        error = LiveMessageChecker.Check(action, parameters);
        if (error is null && _apps is not null && !_apps.Contains(parameters["AppId"]))
        {
            error = ApiErrors.AppNotFound(parameters["AppId"]);
        }

        if (error is not null)
        {
            statistics.CountRejected(error.Code);
            await AnswerErrorAsync(context, requestId, action, error, decision.Delay).ConfigureAwait(false);
            return;
        }

        await AcceptAsync(context, requestId, receivedAt, caller, parameters, decision).ConfigureAwait(false);
    }

    /// <summary>Any path but <c>/</c> (and the control endpoints): the API's answer for an unknown API.</summary>
    public Task HandleUnknownPathAsync(HttpContext context)
    {
        statistics.CountRequest();
        return RejectAsync(context, Guid.NewGuid().ToString("D").ToUpperInvariant(), null, ApiErrors.ApiNotFound());
    }

    /// <summary>Records the message as it arrived, then answers (or, for a lost answer, drops the connection).</summary>
    private async Task AcceptAsync(
        HttpContext context,
        string requestId,
        DateTimeOffset receivedAt,
        AuthenticatedCaller caller,
        Dictionary<string, string> parameters,
        FaultDecision decision)
    {
        var action = caller.Action;
        var isGroup = action == LiveApiActions.SendMessageToGroup;
        var messageId = isGroup ? Guid.NewGuid().ToString("N").ToUpperInvariant() : parameters.GetValueOrDefault("MsgTid");
        messages.Add(new RecordedMessage(action, parameters, receivedAt, requestId, messageId, caller.AccessKeyId, caller.SignatureVersion));
        statistics.CountAccepted(action);
        LogAccepted(logger, action, requestId, caller.SignatureVersion.ToString());

        if (!await DelayAsync(decision.Delay, context.RequestAborted).ConfigureAwait(false))
        {
            return;
        }

        if (decision.Kind == FaultKind.LostAnswer)
        {
            statistics.CountFault(FaultKind.LostAnswer);
            LogFault(logger, action, FaultKind.LostAnswer, requestId);
            context.Abort();
            return;
        }

        await (isGroup
            ? ApiResponseWriter.WriteGroupResultAsync(context, requestId, messageId!)
            : ApiResponseWriter.WriteUserResultAsync(context, requestId)).ConfigureAwait(false);
    }

    private async Task InjectAsync(HttpContext context, string requestId, string action, FaultDecision decision)
    {
        switch (decision.Kind)
        {
            case FaultKind.Timeout:
                using (var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping))
                {
                    await DelayAsync(HangLimit, stop.Token).ConfigureAwait(false);
                }

                context.Abort();
                return;
            case FaultKind.Drop:
                if (await DelayAsync(decision.Delay, context.RequestAborted).ConfigureAwait(false))
                {
                    context.Abort();
                }

                return;
            default:
                var error = decision.Kind switch
                {
                    FaultKind.ServerError => ApiErrors.ServerError(),
                    FaultKind.ServiceUnavailable => ApiErrors.ServiceUnavailable(),
                    _ => ApiErrors.Throttled(faults.Current.ThrottlingRetryAfter),
                };
                await AnswerErrorAsync(context, requestId, action, error, decision.Delay).ConfigureAwait(false);
                return;
        }
    }

    private async Task RejectAsync(HttpContext context, string requestId, string? action, ApiError error)
    {
        statistics.CountRejected(error.Code);
        await AnswerErrorAsync(context, requestId, action, error, TimeSpan.Zero).ConfigureAwait(false);
    }

    private async Task AnswerErrorAsync(HttpContext context, string requestId, string? action, ApiError error, TimeSpan delay)
    {
        if (!await DelayAsync(delay, context.RequestAborted).ConfigureAwait(false))
        {
            return;
        }

        LogRejected(logger, action ?? "Live API call", error.StatusCode, error.Code, requestId);
        await ApiResponseWriter.WriteErrorAsync(context, error, requestId, _options.HostId).ConfigureAwait(false);
    }

    /// <returns>False when the wait was cut short (the client went away, or the emulator is stopping).</returns>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        try
        {
            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} accepted (RequestId {RequestId}, signature {SignatureVersion})")]
    private static partial void LogAccepted(ILogger logger, string action, string requestId, string signatureVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} refused: HTTP {Status} {Code} (RequestId {RequestId})")]
    private static partial void LogRejected(ILogger logger, string action, int status, string code, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action}: injecting fault {Fault} (RequestId {RequestId})")]
    private static partial void LogFault(ILogger logger, string action, FaultKind fault, string requestId);
}
