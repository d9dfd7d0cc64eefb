namespace LiveRelay.Cli.Tests;

/// <summary>A directory of files for one test, deleted at its end.</summary>
internal sealed class TempFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("liverelay-cli-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
