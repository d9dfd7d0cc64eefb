using System.Net;
using LiveRelay.Operations.Access;
using LiveRelay.Operations.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Http;

/// <summary>
/// The admin API (docs/operations.md) under <c>/api/manage/</c>: the Functions host keeps every route that starts with
/// <c>admin</c> for its own API, whatever the routePrefix, and leaves such a function in error. Anonymous to the host,
/// because the admin key in <c>X-LiveRelay-Admin-Key</c>, not a function key, decides (<see cref="AdminApi"/>).
/// </summary>
public sealed class AdminFunctions(AdminApi admin)
{
    [Function("ListPoison")]
    public async Task<IActionResult> ListPoisonAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/poison/{queue}")] HttpRequest request, string queue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        return new RelayHttpResult(await admin.ListPoisonAsync(
            Caller(request), queue, query["reason"].ToString(), query["code"].ToString(), query["top"].ToString(), request.HttpContext.RequestAborted).ConfigureAwait(false));
    }

    [Function("ShowPoison")]
    public async Task<IActionResult> ShowPoisonAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/poison/{queue}/{id}")] HttpRequest request, string queue, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RelayHttpResult(await admin.GetPoisonAsync(Caller(request), queue, id, request.HttpContext.RequestAborted).ConfigureAwait(false));
    }

    [Function("ReplayPoison")]
    public async Task<IActionResult> ReplayPoisonAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/poison/{queue}/{id}/replay")] HttpRequest request, string queue, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RelayHttpResult(await admin.ReplayPoisonAsync(Caller(request), queue, id, request.HttpContext.RequestAborted).ConfigureAwait(false));
    }

    [Function("ReplayMatchingPoison")]
    public async Task<IActionResult> ReplayMatchingPoisonAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/poison/{queue}/replay")] HttpRequest request, string queue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        return new RelayHttpResult(await admin.ReplayMatchingPoisonAsync(
            Caller(request), queue, query["reason"].ToString(), query["code"].ToString(), request.HttpContext.RequestAborted).ConfigureAwait(false));
    }

    /// <summary>
    /// The worker sees every request come from the Functions host on loopback, so the address says nothing; the name
    /// the caller addressed does (only a local run is reached as localhost), and so do forwarding headers if a proxy set them.
    /// Open access also needs Development, which a deployed app is not.
    /// </summary>
    internal static AdminCaller Caller(HttpRequest request) => new(
        request.Headers[AdminKeyVerifier.HeaderName].FirstOrDefault(),
        IsLoopbackName(request.Host.Host)
            && request.Headers["X-Forwarded-Host"].All(static h => IsLoopbackName(new HostString(h ?? string.Empty).Host))
            && request.Headers["X-Forwarded-For"].SelectMany(static v => (v ?? string.Empty).Split(',')).All(static a => IPAddress.TryParse(a.Trim(), out var ip) && IPAddress.IsLoopback(ip)));

    private static bool IsLoopbackName(string host) => host is "localhost" or "127.0.0.1" or "[::1]" or "::1";
}
