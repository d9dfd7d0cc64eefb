using System.Globalization;
using System.Security.Cryptography;
using LiveRelay.Intake.Configuration;
using LiveRelay.Intake.Formats;
using LiveRelay.Intake.Json;
using LiveRelay.Intake.Verification;
using LiveRelay.Messages;

namespace LiveRelay.Intake.Mapping;

/// <summary>
/// Turns a source's configuration into its compiled form, or explains, key by key, why it cannot. Everything that can be
/// checked without an event is checked here, so a mistake stops the host at start-up instead of failing every event.
/// </summary>
internal static class SourceCompiler
{
    public const int MaxNameLength = 64;
    private static readonly TimeSpan MaxTolerance = TimeSpan.FromDays(1);

    private static readonly string[] Schemes =
    [
        VerificationOptions.SchemeNone, VerificationOptions.SchemeStandardWebhooks, VerificationOptions.SchemeGitHub,
        VerificationOptions.SchemeStripe, VerificationOptions.SchemeHmac,
    ];

    public static CompiledSource? TryCompile(string name, SourceOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = $"{SourcesOptions.SectionName}:{name}";
        var errorCount = errors.Count;

        if (!IsValidName(name))
        {
            errors.Add($"{path}: a source name must be 1 to {MaxNameLength} letters, digits, '-' or '_'.");
        }
        else if (string.Equals(name, SourcesOptions.ApiSourceName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{path}: the name '{SourcesOptions.ApiSourceName}' is reserved for normalized requests (/api/messages).");
        }

        if (!OptionValues.TryParseFormat(options.Format, out var format))
        {
            errors.Add($"{path}:Format: '{options.Format}' is not one of {OptionValues.Formats}.");
        }

        if (!OptionValues.TryParseDelivery(options.Delivery, out var delivery))
        {
            errors.Add($"{path}:Delivery: '{options.Delivery}' is not one of {OptionValues.DeliveryModes}.");
        }

        var verifier = CompileVerification(options.Verification ?? new(), $"{path}:Verification", errors);
        var eventId = verifier is null ? null : CompileEventId(options.EventId ?? new(), format, verifier, $"{path}:EventId", errors);
        var filter = CompileConditions(options.Filter, $"{path}:Filter", errors);

        var rules = new List<CompiledRule>();
        if (options.Rules.Count == 0)
        {
            errors.Add($"{path}:Rules: at least one mapping rule is required.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rulePath = $"{path}:Rules:{i.ToString(CultureInfo.InvariantCulture)}";
            var rule = options.Rules[i];
            if (rule is null)
            {
                errors.Add($"{rulePath}: the rule is empty.");
                continue;
            }

            var ruleName = string.IsNullOrWhiteSpace(rule.Name) ? "rule" + i.ToString(CultureInfo.InvariantCulture) : rule.Name.Trim();
            if (!names.Add(ruleName))
            {
                errors.Add($"{rulePath}:Name: '{ruleName}' is used by another rule of this source.");
            }

            if (CompileRule(ruleName, rule, rulePath, errors) is { } compiled)
            {
                rules.Add(compiled);
            }
        }

        if (errors.Count > errorCount)
        {
            return null;
        }

        return new CompiledSource(name, format, verifier!, [.. options.Verification!.SecretNames.Select(n => n.Trim())], eventId!, filter, rules, delivery);
    }

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static IWebhookVerifier? CompileVerification(VerificationOptions options, string path, List<string> errors)
    {
        var scheme = options.Scheme?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(scheme))
        {
            errors.Add($"{path}:Scheme: is required, one of {string.Join(", ", Schemes)} (a source without verification must say 'none' explicitly).");
            return null;
        }

        if (!Schemes.Contains(scheme))
        {
            errors.Add($"{path}:Scheme: '{options.Scheme}' is not one of {string.Join(", ", Schemes)}.");
            return null;
        }

        var errorCount = errors.Count;
        if (options.SecretNames.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{path}:SecretNames: must not contain empty names.");
        }

        if (scheme == VerificationOptions.SchemeNone)
        {
            if (options.SecretNames.Count > 0)
            {
                errors.Add($"{path}:SecretNames: secrets are set but Scheme is 'none', which checks nothing.");
            }
        }
        else if (options.SecretNames.Count == 0)
        {
            errors.Add($"{path}:SecretNames: at least one secret name is required for scheme '{scheme}'.");
        }

        if (options.Tolerance <= TimeSpan.Zero || options.Tolerance > MaxTolerance)
        {
            errors.Add($"{path}:Tolerance: must be more than zero and at most {MaxTolerance:c} (a time span such as 00:05:00).");
        }

        if (scheme != VerificationOptions.SchemeHmac)
        {
            foreach (var (key, value) in new[] { ("Header", options.Header), ("Algorithm", options.Algorithm), ("Encoding", options.Encoding), ("Prefix", options.Prefix), ("SecretEncoding", options.SecretEncoding) })
            {
                if (value is not null)
                {
                    errors.Add($"{path}:{key}: is only used by scheme 'hmac'.");
                }
            }
        }

        var hmac = scheme == VerificationOptions.SchemeHmac ? CompileHmac(options, path, errors) : null;
        if (errors.Count > errorCount)
        {
            return null;
        }

        return scheme switch
        {
            VerificationOptions.SchemeNone => NoVerification.Instance,
            VerificationOptions.SchemeStandardWebhooks => new StandardWebhooksVerifier(options.Tolerance),
            VerificationOptions.SchemeGitHub => new GitHubVerifier(),
            VerificationOptions.SchemeStripe => new StripeVerifier(options.Tolerance),
            _ => new HmacVerifier(hmac!),
        };
    }

    private static HmacSettings? CompileHmac(VerificationOptions options, string path, List<string> errors)
    {
        var errorCount = errors.Count;
        if (string.IsNullOrWhiteSpace(options.Header))
        {
            errors.Add($"{path}:Header: is required for scheme 'hmac' (the header that carries the signature).");
        }

        HashAlgorithmName? algorithm = (options.Algorithm?.Trim().ToLowerInvariant() ?? "sha256") switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "sha384" => HashAlgorithmName.SHA384,
            "sha512" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (algorithm is null)
        {
            errors.Add($"{path}:Algorithm: '{options.Algorithm}' is not one of sha1, sha256, sha384, sha512.");
        }

        bool? base64 = (options.Encoding?.Trim().ToLowerInvariant() ?? "hex") switch
        {
            "hex" => false,
            "base64" => true,
            _ => null,
        };
        if (base64 is null)
        {
            errors.Add($"{path}:Encoding: '{options.Encoding}' is not one of hex, base64.");
        }

        HmacSecretEncoding? secretEncoding = (options.SecretEncoding?.Trim().ToLowerInvariant() ?? "utf8") switch
        {
            "utf8" or "utf-8" => HmacSecretEncoding.Utf8,
            "base64" => HmacSecretEncoding.Base64,
            "hex" => HmacSecretEncoding.Hex,
            _ => null,
        };
        if (secretEncoding is null)
        {
            errors.Add($"{path}:SecretEncoding: '{options.SecretEncoding}' is not one of utf8, base64, hex.");
        }

        return errors.Count > errorCount
            ? null
            : new HmacSettings(options.Header!.Trim(), algorithm!.Value, base64!.Value, options.Prefix ?? string.Empty, secretEncoding!.Value);
    }

    private static EventIdStrategy? CompileEventId(EventIdOptions options, EventFormat format, IWebhookVerifier verifier, string path, List<string> errors)
    {
        var hasHeader = !string.IsNullOrWhiteSpace(options.Header);
        var hasPath = !string.IsNullOrWhiteSpace(options.Path);
        var from = options.From?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(from))
        {
            if (hasHeader && hasPath)
            {
                errors.Add($"{path}: set Header or Path, not both.");
                return null;
            }

            from = hasHeader ? EventIdOptions.FromHeader : hasPath ? EventIdOptions.FromJson : null;
        }

        if ((hasHeader && from != EventIdOptions.FromHeader) || (hasPath && from != EventIdOptions.FromJson))
        {
            errors.Add($"{path}: {(hasHeader ? "Header" : "Path")} does not go with From '{from}'.");
            return null;
        }

        switch (from)
        {
            case null:
                return SignedId(format, verifier);
            case EventIdOptions.FromDelivery:
                var delivery = DeliveryId(format, verifier);
                if (delivery is null)
                {
                    errors.Add($"{path}:From: scheme '{Describe(verifier.Scheme)}' with format {format} has no delivery id; use header, json or body-hash.");
                }

                return delivery;
            case EventIdOptions.FromHeader:
                if (!hasHeader)
                {
                    errors.Add($"{path}:Header: is required when From is 'header'.");
                    return null;
                }

                return EventIdStrategy.FromHeader(options.Header!.Trim());
            case EventIdOptions.FromJson:
                if (!hasPath)
                {
                    errors.Add($"{path}:Path: is required when From is 'json'.");
                    return null;
                }

                var selector = JsonSelectors.TryCompile(options.Path!.Trim(), out var error);
                if (selector is null)
                {
                    errors.Add($"{path}:Path: {error}.");
                    return null;
                }

                return EventIdStrategy.FromJson(selector);
            case EventIdOptions.FromBodyHash:
                return EventIdStrategy.FromBodyHash();
            default:
                errors.Add($"{path}:From: '{options.From}' is not one of delivery, header, json, body-hash.");
                return null;
        }
    }

    // The default: an id the signature covers, so a replayed request cannot get new message ids by changing a header.
    // Standard Webhooks signs webhook-id; Stripe's event id is in the signed body; GitHub's X-GitHub-Delivery and any
    // hmac header are not signed, so those sources use the body hash (a GitHub redelivery has the same body).
    private static EventIdStrategy SignedId(EventFormat format, IWebhookVerifier verifier) => verifier.Scheme switch
    {
        _ when format != EventFormat.Json => EventIdStrategy.FromFormat(),
        VerificationScheme.StandardWebhooks => EventIdStrategy.FromHeader(StandardWebhooksVerifier.IdHeader),
        VerificationScheme.Stripe => EventIdStrategy.FromJson(SimpleJsonPath.TryCompile("$.id")!),
        _ => EventIdStrategy.FromBodyHash(),
    };

    // The id the sender itself gives each delivery: the event's own id in CloudEvents and Event Grid, the scheme's
    // delivery header (webhook-id, X-GitHub-Delivery), or Stripe's event id ("evt_...") in the body.
    private static EventIdStrategy? DeliveryId(EventFormat format, IWebhookVerifier verifier)
    {
        if (format != EventFormat.Json)
        {
            return EventIdStrategy.FromFormat();
        }

        if (verifier.DeliveryIdHeader is { } header)
        {
            return EventIdStrategy.FromHeader(header);
        }

        return verifier.Scheme == VerificationScheme.Stripe ? EventIdStrategy.FromJson(SimpleJsonPath.TryCompile("$.id")!) : null;
    }

    private static List<EventCondition> CompileConditions(List<EventConditionOptions> conditions, string path, List<string> errors)
    {
        var compiled = new List<EventCondition>(conditions.Count);
        for (var i = 0; i < conditions.Count; i++)
        {
            var conditionPath = $"{path}:{i.ToString(CultureInfo.InvariantCulture)}";
            if (conditions[i] is null)
            {
                errors.Add($"{conditionPath}: the condition is empty.");
            }
            else if (EventCondition.TryCompile(conditions[i], conditionPath, errors) is { } condition)
            {
                compiled.Add(condition);
            }
        }

        return compiled;
    }

    private static CompiledRule? CompileRule(string name, MappingRuleOptions rule, string path, List<string> errors)
    {
        var errorCount = errors.Count;
        if (!OptionValues.TryParseKind(rule.Kind, out var kind))
        {
            errors.Add(string.IsNullOrWhiteSpace(rule.Kind)
                ? $"{path}:Kind: is required, one of {OptionValues.Kinds}."
                : $"{path}:Kind: '{rule.Kind}' is not one of {OptionValues.Kinds}.");
            return null;
        }

        JsonSelector? forEach = null;
        if (!string.IsNullOrWhiteSpace(rule.ForEach))
        {
            forEach = JsonSelectors.TryCompile(rule.ForEach.Trim(), out var error);
            if (forEach is null)
            {
                errors.Add($"{path}:ForEach: {error}.");
            }
        }

        var when = CompileConditions(rule.When, $"{path}:When", errors);
        var known = LiveParameters.For(kind);
        var parameters = new List<KeyValuePair<LiveParameter, CompiledTemplate>>();
        foreach (var (key, text) in rule.Parameters)
        {
            if (!known.TryGetValue(key, out var parameter))
            {
                errors.Add($"{path}:Parameters:{key}: is not a parameter of a {Describe(kind)} message; use {string.Join(", ", known.Values.Select(p => p.Name))}.");
                continue;
            }

            var template = CompileTemplate(text ?? string.Empty, $"{path}:Parameters:{parameter.Name}", forEach is not null, errors);
            if (template is null)
            {
                continue;
            }

            if (template.Constant is { } constant && !ParameterConverter.TrySet(new RequestFields(), parameter, new TemplateValue(constant, null), out var typeError))
            {
                errors.Add($"{path}:Parameters:{parameter.Name}: {typeError}.");
                continue;
            }

            parameters.Add(new(parameter, template));
        }

        ContentTemplate? content = null;
        var target = LiveParameters.ContentTarget(kind);
        if (rule.Content.Count > 0)
        {
            if (parameters.Any(p => p.Key == target))
            {
                errors.Add($"{path}: set Parameters:{target.Name} or Content, not both (Content becomes {target.Name}).");
            }

            content = ContentTemplate.TryCompile(rule.Content, errors, $"{path}:{ContentTemplate.Prefix}");
            if (content is { UsesElement: true } && forEach is null)
            {
                errors.Add($"{path}:{ContentTemplate.Prefix}: uses the ForEach element (@), but the rule has no ForEach.");
            }
        }

        foreach (var parameter in known.Values.Where(p => p.Required))
        {
            if (!parameters.Any(p => p.Key == parameter) && !(parameter == target && rule.Content.Count > 0))
            {
                errors.Add($"{path}:Parameters:{parameter.Name}: is required for a {Describe(kind)} message{(parameter == target ? " (or set Content)" : string.Empty)}.");
            }
        }

        if (errors.Count > errorCount)
        {
            return null;
        }

        CheckConstants(kind, parameters, path, errors);
        return errors.Count > errorCount ? null : new CompiledRule(name, kind, forEach, when, parameters, content);
    }

    private static CompiledTemplate? CompileTemplate(string text, string path, bool hasForEach, List<string> errors)
    {
        var template = CompiledTemplate.TryCompile(text, out var error);
        if (template is null)
        {
            errors.Add($"{path}: {error}.");
            return null;
        }

        if (template.UsesElement && !hasForEach)
        {
            errors.Add($"{path}: uses the ForEach element (@), but the rule has no ForEach.");
            return null;
        }

        return template;
    }

    // A constant that breaks an API limit (a SenderId with a '-', an unknown DataCenter) would fail every event: check it
    // now by validating a request whose other values are stand-ins known to pass.
    private static void CheckConstants(MessageKind kind, List<KeyValuePair<LiveParameter, CompiledTemplate>> parameters, string path, List<string> errors)
    {
        var fields = new RequestFields();
        var constants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in LiveParameters.For(kind).Values.Where(p => p.Required))
        {
            fields.SetText(parameter.Id, parameter.Type == LiveParameterType.Json ? "{}" : "x");
        }

        foreach (var (parameter, template) in parameters)
        {
            if (template.Constant is { } constant)
            {
                ParameterConverter.TrySet(fields, parameter, new TemplateValue(constant, null), out _);
                constants.Add(parameter.Name);
            }
        }

        foreach (var failure in fields.Build(kind).Validate())
        {
            if (constants.Contains(failure.Field))
            {
                errors.Add($"{path}:Parameters:{failure.Field}: the constant value {failure.Rule}.");
            }
        }
    }

    private static string Describe(MessageKind kind) => kind == MessageKind.Group ? "group" : "user";

    private static string Describe(VerificationScheme scheme) => scheme switch
    {
        VerificationScheme.StandardWebhooks => VerificationOptions.SchemeStandardWebhooks,
        _ => scheme.ToString().ToLowerInvariant(),
    };
}
