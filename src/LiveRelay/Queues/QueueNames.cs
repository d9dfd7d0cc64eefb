namespace LiveRelay.Queues;

/// <summary>The queues LiveRelay uses, and Azure's queue naming rules.</summary>
public static class QueueNames
{
    /// <summary>Events from internal producers, normalized like webhooks.</summary>
    public const string LiveEvents = "live-events";

    /// <summary>One message envelope per Live API call.</summary>
    public const string LiveMessages = "live-messages";

    public const string PoisonSuffix = "-poison";

    /// <summary>Where the Functions runtime (and our processor) parks messages that failed for good: <c>&lt;name&gt;-poison</c>.</summary>
    public static string PoisonQueueFor(string queueName)
    {
        Validate(queueName);
        var poison = queueName + PoisonSuffix;
        Validate(poison, nameof(queueName));
        return poison;
    }

    public static bool IsValid(string? name) => Describe(name) is null;

    /// <exception cref="ArgumentException">The name breaks a rule; the message says which.</exception>
    public static void Validate(string? name, string paramName = "name")
    {
        if (Describe(name) is { } problem)
        {
            throw new ArgumentException($"Queue name '{name}' is invalid: {problem}", paramName);
        }
    }

    private static string? Describe(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty.";
        }

        if (name.Length is < 3 or > 63)
        {
            return "it must be 3 to 63 characters long.";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return "it must start and end with a letter or digit.";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                return "it must be lowercase.";
            }

            if (c == '-' ? name[i - 1] == '-' : !char.IsAsciiLetterOrDigit(c))
            {
                return "only lowercase letters, digits and single hyphens are allowed.";
            }
        }

        return null;
    }
}
