using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>The XML bodies of the Queue service REST API.</summary>
internal static class QueueXml
{
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        // Without this, a parser would turn a sent "\r\n" into "\n".
        NewLineHandling = NewLineHandling.Entitize,
        Indent = false,
    };

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        MaxCharactersInDocument = 16 * 1024 * 1024,
    };

    public static byte[] MessageBody(string text)
    {
        using var stream = new MemoryStream(text.Length + 96);
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("QueueMessage");
            writer.WriteElementString("MessageText", text);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>The <c>QueueMessage</c> elements of a <c>QueueMessagesList</c>.</summary>
    /// <exception cref="FormatException">The body is not such a list.</exception>
    public static IReadOnlyList<XElement> Messages(byte[] body)
    {
        var root = Load(body) ?? throw new FormatException("The answer has no XML body.");
        if (root.Name.LocalName != "QueueMessagesList")
        {
            throw new FormatException($"Expected <QueueMessagesList>, got <{root.Name.LocalName}>.");
        }

        return root.Elements().Where(e => e.Name.LocalName == "QueueMessage").ToList();
    }

    /// <summary>The <c>Code</c> and <c>Message</c> of an <c>Error</c> body, when there is one.</summary>
    public static (string? Code, string? Message) Error(byte[] body)
    {
        try
        {
            var root = Load(body);
            return root?.Name.LocalName == "Error"
                ? (Child(root, "Code"), Child(root, "Message"))
                : (null, null);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    public static string Required(XElement message, string name) =>
        Child(message, name) ?? throw new FormatException($"The message has no <{name}>.");

    /// <summary>Message text is allowed to be empty, unlike the other fields.</summary>
    public static string Text(XElement message) =>
        message.Elements().FirstOrDefault(e => e.Name.LocalName == "MessageText")?.Value
            ?? throw new FormatException("The message has no <MessageText>.");

    public static long RequiredLong(XElement message, string name) =>
        long.TryParse(Required(message, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"<{name}> is not a whole number.");

    public static DateTimeOffset RequiredDate(XElement message, string name) => ParseDate(Required(message, name), name);

    public static DateTimeOffset ParseDate(string text, string name) =>
        DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new FormatException($"<{name}> is not an RFC 1123 date.");

    private static string? Child(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name) is { Value: { Length: > 0 } value } ? value : null;

    private static XElement? Load(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            return XDocument.Load(reader, LoadOptions.PreserveWhitespace).Root;
        }
        catch (XmlException ex)
        {
            throw new FormatException($"The answer is not valid XML: {ex.Message}", ex);
        }
    }
}
