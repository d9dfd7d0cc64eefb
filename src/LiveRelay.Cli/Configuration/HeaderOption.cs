using System.CommandLine;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Cli.Configuration;

/// <summary><c>--header "Name: value"</c>, repeatable, as curl writes headers.</summary>
internal sealed class HeaderOption
{
    private readonly Option<string[]> _header = new("--header", "-H")
    {
        Description = "A request header, \"Name: value\" (repeat for several).",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command) => command.Options.Add(_header);

    /// <exception cref="CliUsageException">A header without a name or a colon.</exception>
    public List<KeyValuePair<string, StringValues>> Read(ParseResult parsed)
    {
        var headers = new List<KeyValuePair<string, StringValues>>();
        foreach (var text in parsed.GetValue(_header) ?? [])
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new CliUsageException($"--header '{text}' is not \"Name: value\".");
            }

            headers.Add(new(text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }

        return headers;
    }
}
