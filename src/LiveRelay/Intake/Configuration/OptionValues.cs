using LiveRelay.Intake.Formats;
using LiveRelay.Messages;

namespace LiveRelay.Intake.Configuration;

/// <summary>
/// Parses the named values of the options. They are bound as strings, not enums, because the configuration binder
/// quietly leaves a misspelt enum unset, which would turn "direkt" into the default instead of an error.
/// </summary>
internal static class OptionValues
{
    public const string Formats = "json, cloudEvents, eventGrid";
    public const string DeliveryModes = "queued, direct";
    public const string Kinds = "group, user";

    public static bool TryParseFormat(string? value, out EventFormat format)
    {
        format = EventFormat.Json;
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "json":
                return true;
            case "cloudevents":
                format = EventFormat.CloudEvents;
                return true;
            case "eventgrid":
                format = EventFormat.EventGrid;
                return true;
            default:
                return false;
        }
    }

    public static bool TryParseDelivery(string? value, out DeliveryMode delivery)
    {
        delivery = DeliveryMode.Queued;
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "queued":
                return true;
            case "direct":
                delivery = DeliveryMode.Direct;
                return true;
            default:
                return false;
        }
    }

    public static bool TryParseKind(string? value, out MessageKind kind)
    {
        kind = MessageKind.User;
        switch (value?.Trim().ToLowerInvariant())
        {
            case "group":
                kind = MessageKind.Group;
                return true;
            case "user":
                return true;
            default:
                return false;
        }
    }
}
