using System.Runtime.InteropServices;
using LiveRelay.Hosting;
using LiveRelay.Intake.Configuration;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Hosting;

public sealed class RequestBodyReaderTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(1, 1L)]
    [InlineData(100_000, null)]
    [InlineData(100_000, 100_000L)]
    [InlineData(100_000, 10L)]
    [InlineData(100_000, 50_000_000L)]
    [InlineData(262_144, null)]
    public async Task The_body_arrives_byte_for_byte_whatever_the_Content_Length_claims(int length, long? contentLength)
    {
        var bytes = Bytes(length);

        var read = await Reader(maxBodyBytes: 262_144).ReadAsync(new TricklingStream(bytes, 7_001), contentLength);

        Assert.True(bytes.AsSpan().SequenceEqual(read.Span));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(700)]
    [InlineData(100_000)]
    public async Task A_body_as_long_as_its_Content_Length_is_held_in_one_array_of_its_size(int length)
    {
        var bytes = Bytes(length);

        var read = await Reader(maxBodyBytes: 262_144).ReadAsync(new TricklingStream(bytes, 7_001), contentLength: length);

        Assert.True(bytes.AsSpan().SequenceEqual(read.Span));
        Assert.True(MemoryMarshal.TryGetArray(read, out var array));
        Assert.Equal(length, array.Array!.Length);
    }

    [Theory]
    [InlineData(1_001)]
    [InlineData(5_000_000)]
    public async Task Reading_stops_one_byte_past_the_limit_so_intake_answers_413_without_holding_the_whole_body(int length)
    {
        var stream = new TricklingStream(Bytes(length), 4_096);

        var read = await Reader(maxBodyBytes: 1_000).ReadAsync(stream, contentLength: length);

        Assert.Equal(1_001, read.Length);
        Assert.True(stream.Position <= 1_001 + 4_096, $"read {stream.Position} bytes");
    }

    [Fact]
    public async Task A_cancelled_request_stops_the_read()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Reader(1_000).ReadAsync(new TricklingStream(Bytes(10), 1), null, cancelled.Token));
    }

    private static RequestBodyReader Reader(int maxBodyBytes) => new(Options.Create(new IntakeOptions { MaxBodyBytes = maxBodyBytes }));

    private static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 % 251)).ToArray();

    /// <summary>A network-like body: at most <paramref name="chunk"/> bytes per read.</summary>
    private sealed class TricklingStream(byte[] content, int chunk) : MemoryStream(content, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
        }
    }
}
