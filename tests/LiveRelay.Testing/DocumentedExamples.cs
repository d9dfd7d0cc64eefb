namespace LiveRelay.Testing;

/// <summary>
/// The worked source examples of the user documentation: fenced blocks marked <c>&lt;!-- example-config: NAME --&gt;</c>
/// (and <c>example-request</c>, <c>example-result</c>) in README.md and docs/*.md, wherever a page keeps them.
/// </summary>
public static class DocumentedExamples
{
    /// <summary>Every block of <paramref name="kind"/> (e.g. <c>example-config</c>): its file, name and text.</summary>
    public static IEnumerable<(string File, string Name, string Text)> All(string kind)
    {
        var docs = Directory.Exists(RepoPaths.InRepo("docs")) ? Directory.GetFiles(RepoPaths.InRepo("docs"), "*.md").Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        foreach (var file in docs.Prepend(RepoPaths.InRepo("README.md")))
        {
            var text = File.ReadAllText(file).ReplaceLineEndings("\n");
            var marker = $"<!-- {kind}: ";
            for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                var nameEnd = text.IndexOf(" -->", at, StringComparison.Ordinal);
                var name = text[(at + marker.Length)..nameEnd].Trim();
                var start = text.IndexOf('\n', text.IndexOf("```", nameEnd, StringComparison.Ordinal)) + 1;
                yield return (Path.GetFileName(file), name, text[start..text.IndexOf("\n```", start, StringComparison.Ordinal)]);
            }
        }
    }

    /// <summary>The block of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public static string Get(string kind, string name) =>
        All(kind).Where(e => e.Name == name).Select(static e => e.Text).FirstOrDefault()
        ?? throw new InvalidOperationException($"No '<!-- {kind}: {name} -->' block in README.md or docs/*.md.");
}
