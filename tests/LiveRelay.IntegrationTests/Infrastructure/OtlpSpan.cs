using System.Text;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// The fields of an OTLP span the tests check, read from an <c>ExportTraceServiceRequest</c> with a few lines of
/// protobuf wire format (resource_spans 1 → scope_spans 2 → spans 2; span: trace_id 1, span_id 2, parent_span_id 4,
/// name 5, kind 6, attributes 9 as key 1 / value 2 → string_value 1 or int_value 3, links 13 as trace_id 1 / span_id 2).
/// </summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> LinkedSpanIds)
{
    public static IEnumerable<OtlpSpan> ReadExport(byte[] body)
    {
        foreach (var resourceSpans in Fields(body).Where(static f => f.Number == 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans.Bytes).Where(static f => f.Number == 2))
            {
                foreach (var span in Fields(scopeSpans.Bytes).Where(static f => f.Number == 2))
                {
                    yield return Read(span.Bytes);
                }
            }
        }
    }

    private static OtlpSpan Read(byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var links = new List<string>();
        foreach (var field in Fields(span))
        {
            switch (field.Number)
            {
                case 1: traceId = Convert.ToHexStringLower(field.Bytes); break;
                case 2: spanId = Convert.ToHexStringLower(field.Bytes); break;
                case 4: parent = Convert.ToHexStringLower(field.Bytes); break;
                case 5: name = Encoding.UTF8.GetString(field.Bytes); break;
                case 6: kind = (int)field.Varint; break;
                case 9:
                    var pair = Fields(field.Bytes).ToList();
                    var key = Encoding.UTF8.GetString(pair.First(static p => p.Number == 1).Bytes);
                    var value = Fields(pair.First(static p => p.Number == 2).Bytes).First();
                    attributes[key] = value.Number == 1 ? Encoding.UTF8.GetString(value.Bytes) : value.Varint.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case 13:
                    links.Add(Convert.ToHexStringLower(Fields(field.Bytes).First(static l => l.Number == 2).Bytes));
                    break;
            }
        }

        return new OtlpSpan(traceId, spanId, parent, name, kind, attributes, links);
    }

    private static IEnumerable<(int Number, byte[] Bytes, ulong Varint)> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    yield return (number, [], ReadVarint(message, ref position));
                    break;
                case 1:
                    yield return (number, message[position..(position + 8)], 0);
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return (number, message[position..(position + length)], 0);
                    position += length;
                    break;
                case 5:
                    yield return (number, message[position..(position + 4)], 0);
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Unexpected protobuf wire type {tag & 7}.");
            }
        }
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
