using System.Text.Json;
using LiveRelay.Emulator.Api;
using LiveRelay.Emulator.Faults;
using LiveRelay.Emulator.Messages;
using LiveRelay.Emulator.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LiveRelay.Emulator.Inspection;

/// <summary>
/// The emulator's own endpoints under <c>/_emulator</c>: recorded messages, duplicates, counters, fault settings and a
/// health check. Unauthenticated: the emulator is a local test tool.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator";

    private static readonly HashSet<string> MessageFilters = new(StringComparer.OrdinalIgnoreCase) { "action", "appId", "group", "receiver", "msgTid" };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix);
        group.MapGet("/health", static () => Results.Json(new { status = "ok" }, ControlJson.Options));
        group.MapGet("/messages", ListMessages);
        group.MapDelete("/messages", static (MessageLog log) => Results.Json(new { cleared = log.Clear() }, ControlJson.Options));
        group.MapGet("/messages/duplicates", static (MessageLog log) => Results.Json(log.FindDuplicates(), ControlJson.Options));
        group.MapGet("/stats", static (EmulatorStatistics statistics) => Results.Json(statistics.Snapshot(), ControlJson.Options));
        group.MapDelete("/stats", static (EmulatorStatistics statistics) =>
        {
            statistics.Reset();
            return Results.Json(statistics.Snapshot(), ControlJson.Options);
        });
        group.MapGet("/faults", static (FaultInjector faults) => Results.Json(faults.Current, ControlJson.Options));
        group.MapPut("/faults", PutFaultsAsync);
    }

    private static IResult ListMessages(HttpRequest request, MessageLog log)
    {
        var unknown = request.Query.Keys.Where(static k => !MessageFilters.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            return Problem($"Unknown filter {string.Join(", ", unknown)}; the filters are action, appId, group, receiver, msgTid.");
        }

        var filter = new MessageFilter
        {
            Action = Value(request, "action"),
            AppId = Value(request, "appId"),
            GroupId = Value(request, "group"),
            ReceiverId = Value(request, "receiver"),
            MsgTid = Value(request, "msgTid"),
        };
        var found = log.Find(filter);
        return Results.Stream(
            async stream =>
            {
                await using var writer = new Utf8JsonWriter(stream, ApiResponseWriter.WriterOptions);
                RecordedMessageJson.WriteArray(writer, found);
                await writer.FlushAsync().ConfigureAwait(false);
            },
            "application/json; charset=utf-8");
    }

    private static async Task<IResult> PutFaultsAsync(HttpRequest request, FaultInjector faults)
    {
        FaultOptions? options;
        try
        {
            options = await JsonSerializer.DeserializeAsync<FaultOptions>(request.Body, ControlJson.Options, request.HttpContext.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem($"The body must be fault settings as JSON: {ex.Message}");
        }

        var failures = FaultOptionsValidator.Validate(options, "faults");
        if (failures.Count > 0)
        {
            return Problem(string.Join(" ", failures));
        }

        faults.Configure(options!);
        return Results.Json(faults.Current, ControlJson.Options);
    }

    private static string? Value(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    private static IResult Problem(string message) =>
        Results.Json(new { error = message }, ControlJson.Options, statusCode: StatusCodes.Status400BadRequest);
}
