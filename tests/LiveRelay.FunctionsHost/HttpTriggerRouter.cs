using System.Net.Sockets;
using LiveRelay.FunctionsHost.Rpc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace LiveRelay.FunctionsHost;

/// <summary>
/// The host's HTTP front for an app with the ASP.NET Core integration: matches the request to an indexed HTTP trigger
/// by host.json <c>routePrefix</c>, route and method (404 when none), checks the function key for
/// <c>authLevel: function</c> (401), then forwards the request to the worker's own HTTP server with
/// <c>x-ms-invocation-id</c> while it sends the matching invocation; the worker's HTTP answer is the answer. Routes the
/// host keeps for itself are refused (<see cref="ReservedRoutes"/>).
/// </summary>
internal sealed class HttpTriggerRouter
{
    public const string InvocationIdHeader = "x-ms-invocation-id";
    public const string FunctionKeyHeader = "x-functions-key";

    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Content-Length",
    };

    private readonly List<(IndexedFunction Function, TemplateMatcher Matcher)> _routes;
    private readonly IReadOnlyCollection<string> _keys;
    private readonly WorkerSession _session;
    private readonly Uri _workerHttpUri;
    private readonly HttpClient _client;
    private readonly FunctionsHostOptions _options;

    public HttpTriggerRouter(IEnumerable<IndexedFunction> functions, string routePrefix, WorkerSession session, Uri workerHttpUri, HttpClient client, FunctionsHostOptions options)
    {
        var httpFunctions = functions.Where(static f => f.Trigger.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase)).ToList();
        ReservedRoutes.Check(httpFunctions);

        _routes = [.. httpFunctions
            .Select(f => (f, new TemplateMatcher(
                TemplateParser.Parse(string.Join('/', new[] { routePrefix, f.Trigger.Route ?? f.Name }.Where(static p => p.Length > 0))),
                new RouteValueDictionary())))];
        _keys = options.FunctionKeys;
        _session = session;
        _workerHttpUri = workerHttpUri;
        _client = client;
        _options = options;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var values = new RouteValueDictionary();
        var match = _routes.FirstOrDefault(r =>
            (r.Function.Trigger.Methods.Count == 0 || r.Function.Trigger.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
            && r.Matcher.TryMatch(request.Path, values = new RouteValueDictionary()));
        if (match.Function is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!IsAuthorized(match.Function.Trigger, request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var metadata = values.Select(static v => KeyValuePair.Create(v.Key, new TypedData { String = Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty }));
        var invocation = Invocations.Create(match.Function, new TypedData { Http = new RpcHttp { Method = request.Method, Url = request.Path + request.QueryString } }, metadata);
        var invoked = _session.InvokeAsync(invocation, _options.InvocationTimeout);

        // The body is buffered, so a request refused before the worker listens can be sent again.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        using var answer = await ForwardAsync(context, invocation.InvocationId, body.ToArray()).ConfigureAwait(false);

        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, headerValues) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!NotForwarded.Contains(name))
            {
                context.Response.Headers[name] = headerValues.ToArray();
            }
        }

        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        var result = await invoked.ConfigureAwait(false);
        if (result.Result?.Status != StatusResult.Types.Status.Success)
        {
            _options.Output?.Invoke($"[host] Function {match.Function.Name} failed: {Invocations.Describe(result.Result)}");
        }
    }

    private bool IsAuthorized(FunctionBinding trigger, HttpRequest request)
    {
        if (string.Equals(trigger.AuthLevel, "Anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var presented = request.Headers[FunctionKeyHeader].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return !string.IsNullOrEmpty(presented) && _keys.Contains(presented, StringComparer.Ordinal);
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpContext context, string invocationId, byte[] body)
    {
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (true)
        {
            using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_workerHttpUri, context.Request.Path + context.Request.QueryString));
            forward.Content = new ByteArrayContent(body);
            foreach (var (name, headerValues) in context.Request.Headers)
            {
                if (!NotForwarded.Contains(name) && !forward.Headers.TryAddWithoutValidation(name, headerValues.ToArray()))
                {
                    forward.Content.Headers.TryAddWithoutValidation(name, headerValues.ToArray());
                }
            }

            forward.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
            try
            {
                return await _client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } && DateTime.UtcNow < deadline)
            {
                // The worker's HTTP server may start listening only after it answered the metadata request.
                await Task.Delay(100, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
