using System.Globalization;
using System.Text.Json;
using LiveRelay.Queues;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Hostile;

/// <summary>
/// Reads the hostile-input corpus: <c>tests/hostile/cases/*.json</c>, each <c>{"cases": [...]}</c> (format in
/// tests/hostile/README.md), and <c>tests/hostile/settings.json</c>, the host configuration the cases are written for.
/// A malformed entry stops the load with its file and id, so a corpus mistake never passes as a host result.
/// </summary>
internal static class HostileCorpus
{
    public static string Directory => RepoPaths.InRepo("tests", "hostile");

    public static string SettingsPath => Path.Combine(Directory, "settings.json");

    public static IReadOnlyList<HostileCase> Load(string? directory = null)
    {
        var folder = Path.Combine(directory ?? Directory, "cases");
        var cases = new List<HostileCase>();
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var category = Path.GetFileNameWithoutExtension(file);
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var index = 0;
            foreach (var entry in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                try
                {
                    cases.Add(Read(entry, category));
                }
                catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)}, case {index}: {ex.Message}"), ex);
                }

                index++;
            }
        }

        var duplicate = cases.GroupBy(static c => c.Id, StringComparer.Ordinal).FirstOrDefault(static g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"Case id '{duplicate.Key}' is used more than once.");
        }

        return cases;
    }

    private static HostileCase Read(JsonElement entry, string category)
    {
        var id = entry.GetProperty("id").GetString() ?? throw new FormatException("'id' is required.");
        var about = entry.GetProperty("about").GetString() ?? throw new FormatException("'about' is required.");
        var expect = entry.GetProperty("expect") is { ValueKind: JsonValueKind.Number } number
            ? number.GetInt32().ToString(CultureInfo.InvariantCulture)
            : entry.GetProperty("expect").GetString()!;
        var code = entry.TryGetProperty("code", out var c) ? c.GetString() : null;

        if (entry.TryGetProperty("http", out var http))
        {
            var signature = http.TryGetProperty("signature", out var s) ? s.GetString() : null;
            if (signature is not null && !HostileCase.SignatureModes.Contains(signature))
            {
                throw new FormatException($"{id}: unknown signature mode '{signature}'.");
            }

            RequireStatus(id, expect);
            return new HostileCase
            {
                Id = id,
                About = about,
                Category = category,
                Kind = HostileCaseKind.Http,
                Method = http.TryGetProperty("method", out var m) ? m.GetString()! : "POST",
                Path = Text(http.GetProperty("path")),
                Headers = ReadHeaders(http),
                Body = http.TryGetProperty("body", out var body) ? BodySpec.Parse(body) : null,
                Signature = signature,
                FunctionKey = http.TryGetProperty("functionKey", out var key) ? key.GetString()! : "valid",
                Expect = expect,
            };
        }

        if (entry.TryGetProperty("raw", out var raw))
        {
            RequireStatus(id, expect);
            return new HostileCase
            {
                Id = id,
                About = about,
                Category = category,
                Kind = HostileCaseKind.Raw,
                Body = BodySpec.Parse(raw.GetProperty("request")),
                Expect = expect,
            };
        }

        if (entry.TryGetProperty("queue", out var queue))
        {
            var name = queue.GetProperty("name").GetString()!;
            if (name is not (QueueNames.LiveEvents or QueueNames.LiveMessages))
            {
                throw new FormatException($"{id}: queue must be '{QueueNames.LiveEvents}' or '{QueueNames.LiveMessages}'.");
            }

            if (expect != "poison")
            {
                throw new FormatException($"{id}: a queue case expects 'poison'.");
            }

            var encoding = queue.TryGetProperty("encoding", out var e) ? e.GetString()! : "base64";
            if (encoding is not ("base64" or "plain"))
            {
                throw new FormatException($"{id}: encoding must be 'base64' or 'plain'.");
            }

            return new HostileCase
            {
                Id = id,
                About = about,
                Category = category,
                Kind = HostileCaseKind.Queue,
                Queue = name,
                Body = BodySpec.Parse(queue.GetProperty("message")),
                Encoding = encoding,
                Expect = expect,
                Code = code,
            };
        }

        throw new FormatException($"{id}: a case has 'http', 'raw' or 'queue'.");
    }

    private static Dictionary<string, string> ReadHeaders(JsonElement http) =>
        http.TryGetProperty("headers", out var headers)
            ? headers.EnumerateObject().ToDictionary(static h => h.Name, static h => Text(h.Value), StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A path or header value: a string, or a body spec (for values too long to keep written out).</summary>
    private static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : System.Text.Encoding.UTF8.GetString(BodySpec.Parse(value).Render());

    private static void RequireStatus(string id, string expect)
    {
        // 503 only for what the host cannot check right now (a signing secret it cannot read): never a caller's mistake.
        if (expect != "4xx" && !(int.TryParse(expect, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is (>= 400 and < 500) or 503))
        {
            throw new FormatException($"{id}: an HTTP case expects '4xx', a 4xx status or 503, not '{expect}'.");
        }
    }
}
