using System.Globalization;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Api;

namespace LiveRelay.Emulator.Messages;

/// <summary>
/// Checks a call's parameters as the API does: a required parameter that is absent or empty is <c>Missing{Name}</c>
/// (the gateway's check); any other broken rule, including the documented limits checked by
/// <see cref="LiveMessageValidator"/> and the ReceiverId rule it lacks, is one <c>InputInvalid</c> naming every
/// parameter and rule.
/// </summary>
internal static class LiveMessageChecker
{
    public static ApiError? Check(string action, IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var name in LiveMessageParameters.RequiredOf(action))
        {
            if (string.IsNullOrEmpty(parameters.GetValueOrDefault(name)))
            {
                return ApiErrors.Missing(name);
            }
        }

        var failures = new List<ValidationFailure>();
        if (action == LiveApiActions.SendMessageToGroup)
        {
            var request = new SendMessageToGroupRequest
            {
                AppId = parameters["AppId"],
                GroupId = parameters["GroupId"],
                OperatorUserId = parameters["OperatorUserId"],
                Data = parameters["Data"],
                Type = ParseInt(failures, parameters, "Type"),
                SkipAudit = ParseBool(failures, parameters, "SkipAudit"),
            };
            failures.AddRange(LiveMessageValidator.Validate(request));
        }
        else
        {
            var request = new SendLiveMessageUserRequest
            {
                AppId = parameters["AppId"],
                ReceiverId = parameters["ReceiverId"],
                SenderId = parameters["SenderId"],
                SenderInfo = parameters.GetValueOrDefault("SenderInfo"),
                Body = parameters.GetValueOrDefault("Body"),
                MsgType = ParseLong(failures, parameters, "MsgType"),
                MsgTid = parameters.GetValueOrDefault("MsgTid"),
                DataCenter = parameters.GetValueOrDefault("DataCenter"),
                HighReliability = ParseBool(failures, parameters, "HighReliability"),
                Storage = ParseBool(failures, parameters, "Storage"),
            };
            failures.AddRange(LiveMessageValidator.Validate(request));
            CheckReceiverId(failures, request.ReceiverId);
        }

        return failures.Count == 0 ? null : ApiErrors.InputInvalid(string.Join("; ", failures));
    }

    /// <summary>
    /// The API documents ReceiverId like SenderId (letters and digits, at most 64 bytes), but
    /// <see cref="LiveMessageValidator"/> only requires it, so the emulator checks this rule itself.
    /// </summary>
    private static void CheckReceiverId(List<ValidationFailure> failures, string receiverId)
    {
        if (string.IsNullOrWhiteSpace(receiverId))
        {
            return;
        }

        if (!receiverId.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add(new("ReceiverId", "must contain only letters and digits"));
        }
        else if (receiverId.Length > LiveMessageValidator.MaxIdBytes)
        {
            failures.Add(new("ReceiverId", $"must be at most {LiveMessageValidator.MaxIdBytes} bytes"));
        }
    }

    private static int? ParseInt(List<ValidationFailure> failures, IReadOnlyDictionary<string, string> parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        failures.Add(new(name, "must be an integer"));
        return null;
    }

    private static long? ParseLong(List<ValidationFailure> failures, IReadOnlyDictionary<string, string> parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        failures.Add(new(name, "must be an integer"));
        return null;
    }

    private static bool? ParseBool(List<ValidationFailure> failures, IReadOnlyDictionary<string, string> parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var text))
        {
            return null;
        }

        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        failures.Add(new(name, "must be true or false"));
        return null;
    }
}
