using System.Text;

namespace LiveRelay.Tests.Deployment;

/// <summary>
/// One Bicep file, read as text: the Bicep compiler is not part of this environment, and the tests only need
/// names (app settings, parameters, outputs, queues), which plain, conventional templates spell out literally.
/// </summary>
internal sealed class BicepFile
{
    private BicepFile(string relativePath, string text)
    {
        RelativePath = relativePath;
        Text = text;
        Code = Blank(text, blankStrings: false);
        CodeWithoutStrings = Blank(text, blankStrings: true);
    }

    /// <summary>Path from the repository root with '/' separators, for failure messages.</summary>
    public string RelativePath { get; }

    public string Text { get; }

    /// <summary>The text with comments blanked out (same length and line breaks, so offsets and line numbers still hold).</summary>
    public string Code { get; }

    /// <summary>Like <see cref="Code"/>, with the contents of string literals blanked too (quotes kept).</summary>
    public string CodeWithoutStrings { get; }

    public static BicepFile Load(string repositoryRoot, string path) =>
        new(Path.GetRelativePath(repositoryRoot, path).Replace('\\', '/'), File.ReadAllText(path));

    public static BicepFile FromText(string relativePath, string text) => new(relativePath, text);

    public int LineOf(int index) => Text.AsSpan(0, index).Count('\n') + 1;

    public string Where(int index) => $"{RelativePath}:{LineOf(index)}";

    /// <summary>
    /// Blanks // and /* */ comments (and optionally string contents) without moving anything.
    /// Bicep strings are single-quoted with backslash escapes, or ''' multi-line ''' without escapes.
    /// </summary>
    private static string Blank(string text, bool blankStrings)
    {
        var result = new StringBuilder(text);
        var i = 0;
        while (i < text.Length)
        {
            if (Starts(text, i, "'''"))
            {
                var end = text.IndexOf("'''", i + 3, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 3;
                if (blankStrings)
                {
                    BlankRange(result, i + 3, Math.Max(i + 3, end - 3));
                }

                i = end;
            }
            else if (text[i] == '\'')
            {
                var j = i + 1;
                while (j < text.Length && text[j] != '\'' && text[j] != '\n')
                {
                    j += text[j] == '\\' ? 2 : 1;
                }

                if (blankStrings)
                {
                    BlankRange(result, i + 1, Math.Min(j, text.Length));
                }

                i = Math.Min(j + 1, text.Length);
            }
            else if (Starts(text, i, "//"))
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                BlankRange(result, i, end);
                i = end;
            }
            else if (Starts(text, i, "/*"))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                BlankRange(result, i, end);
                i = end;
            }
            else
            {
                i++;
            }
        }

        return result.ToString();
    }

    private static bool Starts(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static void BlankRange(StringBuilder builder, int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (builder[k] is not ('\n' or '\r'))
            {
                builder[k] = ' ';
            }
        }
    }
}
