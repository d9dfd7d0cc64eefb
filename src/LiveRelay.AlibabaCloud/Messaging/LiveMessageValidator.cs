using System.Buffers;
using System.Text;
using System.Text.Json;

namespace LiveRelay.AlibabaCloud.Messaging;

/// <summary>
/// Checks requests against the documented API limits before anything is sent, and reports every broken
/// rule at once, by parameter name.
/// </summary>
public static class LiveMessageValidator
{
    public const int MaxIdBytes = 64;
    public const int MaxSenderInfoBytes = 512;
    public const int MaxBodyBytes = 15 * 1024;

    public static IReadOnlyList<string> DataCenters { get; } = ["cn-shanghai", "ap-southeast-1"];

    private static readonly SearchValues<char> LettersAndDigits =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    public static IReadOnlyList<ValidationFailure> Validate(SendMessageToGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var failures = new List<ValidationFailure>();
        Required(failures, nameof(request.AppId), request.AppId);
        Required(failures, nameof(request.GroupId), request.GroupId);
        Required(failures, nameof(request.OperatorUserId), request.OperatorUserId);
        if (Required(failures, nameof(request.Data), request.Data) && !IsJson(request.Data))
        {
            failures.Add(new(nameof(request.Data), "must be a valid JSON document"));
        }

        return failures;
    }

    public static IReadOnlyList<ValidationFailure> Validate(SendLiveMessageUserRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var failures = new List<ValidationFailure>();
        Required(failures, nameof(request.AppId), request.AppId);
        if (Required(failures, nameof(request.ReceiverId), request.ReceiverId))
        {
            Identifier(failures, nameof(request.ReceiverId), request.ReceiverId);
        }

        if (Required(failures, nameof(request.SenderId), request.SenderId))
        {
            Identifier(failures, nameof(request.SenderId), request.SenderId);
        }

        MaxBytes(failures, nameof(request.SenderInfo), request.SenderInfo, MaxSenderInfoBytes);
        MaxBytes(failures, nameof(request.Body), request.Body, MaxBodyBytes);
        if (request.MsgTid is not null)
        {
            Identifier(failures, nameof(request.MsgTid), request.MsgTid);
        }

        if (request.DataCenter is not null && !DataCenters.Contains(request.DataCenter, StringComparer.Ordinal))
        {
            failures.Add(new(nameof(request.DataCenter), $"must be one of {string.Join(", ", DataCenters)}"));
        }

        return failures;
    }

    /// <summary>Throws <see cref="LiveRequestValidationException"/> listing every broken rule.</summary>
    public static void ThrowIfInvalid(SendMessageToGroupRequest request) =>
        ThrowIfAny(LiveApiActions.SendMessageToGroup, Validate(request));

    /// <summary>Throws <see cref="LiveRequestValidationException"/> listing every broken rule.</summary>
    public static void ThrowIfInvalid(SendLiveMessageUserRequest request) =>
        ThrowIfAny(LiveApiActions.SendLiveMessageUser, Validate(request));

    private static void ThrowIfAny(string action, IReadOnlyList<ValidationFailure> failures)
    {
        if (failures.Count > 0)
        {
            throw new LiveRequestValidationException(action, failures);
        }
    }

    private static bool Required(List<ValidationFailure> failures, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add(new(field, "is required"));
            return false;
        }

        return true;
    }

    private static void Identifier(List<ValidationFailure> failures, string field, string value)
    {
        if (value.Length == 0)
        {
            failures.Add(new(field, "must not be empty when set"));
        }
        else if (value.AsSpan().ContainsAnyExcept(LettersAndDigits))
        {
            failures.Add(new(field, "must contain only letters and digits"));
        }

        MaxBytes(failures, field, value, MaxIdBytes);
    }

    private static void MaxBytes(List<ValidationFailure> failures, string field, string? value, int max)
    {
        // Length is a lower bound on the UTF-8 byte count and exact for ASCII, so most values skip the count.
        if (value is not null && (value.Length > max || (value.Length * 3 > max && Encoding.UTF8.GetByteCount(value) > max)))
        {
            failures.Add(new(field, $"must be at most {max} bytes (UTF-8)"));
        }
    }

    private static bool IsJson(string value)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value), new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
