using System.Diagnostics;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>
/// One client span per Live API call (<see cref="ActivitySourceName"/>): the operation, the HTTP status, the API's error
/// code and its request id. Never a parameter, a message, a signature or a credential: those stay out of every tag.
/// </summary>
public static class LiveApiTelemetry
{
    public const string ActivitySourceName = "LiveRelay.AlibabaCloud";

    public const string OperationTag = "liverelay.live_api.operation";
    public const string StatusCodeTag = "http.response.status_code";
    public const string ErrorCodeTag = "liverelay.live_api.code";
    public const string RequestIdTag = "liverelay.live_api.request_id";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    internal static Activity? StartCall(string action)
    {
        var activity = Source.StartActivity("LiveApi " + action, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("rpc.system", "alibaba_cloud");
            activity.SetTag("rpc.service", "live");
            activity.SetTag("rpc.method", action);
            activity.SetTag(OperationTag, action);
        }

        return activity;
    }

    internal static void Answered(Activity? activity, string? requestId) => activity?.SetTag(RequestIdTag, requestId);

    internal static void Failed(Activity? activity, LiveApiException error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(ErrorCodeTag, error.Code);
        activity.SetTag("error.type", error.Code);
        if (error.StatusCode is { } status)
        {
            activity.SetTag(StatusCodeTag, (int)status);
        }

        if (!string.IsNullOrEmpty(error.RequestId))
        {
            activity.SetTag(RequestIdTag, error.RequestId);
        }

        // The code and kind only: the API's message may echo parameter values.
        activity.SetStatus(ActivityStatusCode.Error, $"{error.Kind}: {error.Code}");
    }
}
