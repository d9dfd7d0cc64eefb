namespace LiveRelay.Cli.Configuration;

/// <summary>Reads a payload file's bytes exactly (signatures cover them); <c>-</c> is standard input.</summary>
internal static class PayloadFile
{
    /// <exception cref="CliUsageException">The file does not exist.</exception>
    public static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            using var buffer = new MemoryStream();
            await Console.OpenStandardInput().CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }

        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false)
            : throw new CliUsageException($"The payload file {full} does not exist.");
    }
}
