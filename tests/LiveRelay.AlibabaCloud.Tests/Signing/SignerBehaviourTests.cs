using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.AlibabaCloud.Tests.Signing;

/// <summary>
/// Properties of the signing pieces beyond the published vectors: they hold for any input, including
/// multi-byte UTF-8, repeated names and inputs larger than any pooled buffer.
/// </summary>
public sealed class SignerBehaviourTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void V1_string_to_sign_is_the_encoded_canonical_query_for_any_values()
    {
        Prop.ForAll<NonNull<string>, NonNull<string>>((a, b) =>
        {
            KeyValuePair<string, string>[] parameters = [new("Zeta", a.Get), new("Alpha", b.Get), new("Signature", "ignored")];
            var canonical = $"Alpha={AcsPercentEncoding.Encode(b.Get)}&Zeta={AcsPercentEncoding.Encode(a.Get)}";

            return RpcSignatureV1.BuildStringToSign("POST", parameters) == "POST&%2F&" + AcsPercentEncoding.Encode(canonical);
        }).Check(Runs);
    }

    [Fact]
    public void Percent_encoding_round_trips_and_leaves_only_unreserved_characters()
    {
        Prop.ForAll<NonNull<string>>(value =>
        {
            // Lone surrogates cannot round-trip through UTF-8 by definition; the SDKs refuse them too.
            var text = value.Get;
            if (!IsWellFormed(text))
            {
                return true;
            }

            var encoded = AcsPercentEncoding.Encode(text);
            return Uri.UnescapeDataString(encoded) == text
                && encoded.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '%');
        }).Check(Runs);
    }

    [Fact]
    public void V3_signature_depends_on_every_signed_part()
    {
        string Sign(string body, string header, string query)
        {
            var canonical = AcsSignatureV3.BuildCanonicalRequest(
                "POST", "/", [new("q", query)], [new("x-acs-h", header)], AcsSignatureV3.HashPayload(Encoding.UTF8.GetBytes(body)), out _);
            return AcsSignatureV3.ComputeSignature(AcsSignatureV3.BuildStringToSign(canonical), "secret");
        }

        var baseline = Sign("b", "h", "q");
        Assert.NotEqual(baseline, Sign("B", "h", "q"));
        Assert.NotEqual(baseline, Sign("b", "H", "q"));
        Assert.NotEqual(baseline, Sign("b", "h", "Q"));
        Assert.Equal(baseline, Sign("b", "  h ", "q"));
    }

    [Fact]
    public void Repeated_headers_are_joined_in_value_order_under_one_lower_case_name()
    {
        var canonical = AcsSignatureV3.BuildCanonicalRequest(
            "POST",
            "/",
            [],
            [new("X-Acs-Multi", "zeta"), new("host", "h"), new("x-acs-multi", " alpha ")],
            "p",
            out var signedHeaders);

        Assert.Equal("POST\n/\n\nhost:h\nx-acs-multi:alpha,zeta\n\nhost;x-acs-multi\np", canonical);
        Assert.Equal("host;x-acs-multi", signedHeaders);
    }

    [Fact]
    public void Large_inputs_and_unknown_length_sequences_sign_the_same_as_small_known_ones()
    {
        var big = string.Concat(Enumerable.Repeat("中文 * ~ 😀 ", 4000));
        var many = Enumerable.Range(0, 100).Select(i => new KeyValuePair<string, string>($"P{i:D3}", big[..(i * 7)]));
        var asList = many.ToList();
        var lazy = many.Where(_ => true);

        var fromList = AcsSignatureV3.BuildCanonicalRequest("POST", "/", asList, asList, "p", out var signedFromList);
        var fromLazy = AcsSignatureV3.BuildCanonicalRequest("POST", "/", lazy, lazy, "p", out var signedFromLazy);

        Assert.Equal(fromList, fromLazy);
        Assert.Equal(signedFromList, signedFromLazy);
        Assert.Equal(RpcSignatureV1.BuildStringToSign("POST", asList), RpcSignatureV1.BuildStringToSign("POST", lazy));
        Assert.StartsWith("POST\n/\nP000=&P001=%E4%B8%AD%E6%96%87%20%2A%20~%20", fromList, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_gives_the_same_answer_on_many_threads_at_once()
    {
        // The signer reuses per-thread builders and pooled buffers; concurrent use must not mix them up.
        var inputs = Enumerable.Range(0, 64).Select(i => new string((char)('a' + (i % 26)), 100 + (i * 97))).ToArray();
        var expected = inputs.Select(Canonical).ToArray();

        var actual = new string[inputs.Length];
        Parallel.For(0, inputs.Length * 20, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var i = n % inputs.Length;
            actual[i] = Canonical(inputs[i]);
            Assert.Equal(expected[i], actual[i]);
        });

        static string Canonical(string value) =>
            AcsSignatureV3.BuildCanonicalRequest("POST", "/", [new("v", value)], [new("x-acs-v", value)], "p", out _)
            + RpcSignatureV1.ComputeSignature(RpcSignatureV1.BuildStringToSign("POST", [new("v", value)]), value);
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
