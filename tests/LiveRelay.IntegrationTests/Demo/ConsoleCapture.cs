namespace LiveRelay.IntegrationTests.Demo;

/// <summary>A console stand-in the demo writes to while the test reads it: every write and read under one lock.</summary>
internal sealed class ConsoleCapture : StringWriter
{
    private readonly Lock _lock = new();

    public override void Write(char value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock)
        {
            base.Write(buffer, index, count);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_lock)
        {
            base.Write(buffer);
        }
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        Write(value + NewLine);
        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return GetStringBuilder().ToString();
        }
    }
}
