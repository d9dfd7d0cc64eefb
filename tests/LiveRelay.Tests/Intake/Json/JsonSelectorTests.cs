using LiveRelay.Intake.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Tests.Intake.Json;

public sealed class JsonSelectorTests
{
    private static readonly JToken Document = JToken.Parse("""
        {"a":{"b":[10,{"c":"x"},null],"d-e":1,"f_g":true,"":"empty","0":"zero"},"list":[[1,2],[3]],"n":null,"s":"text"}
        """);

    [Theory]
    [InlineData("$")]
    [InlineData("$.a")]
    [InlineData("$.a.b")]
    [InlineData("$.a.b[0]")]
    [InlineData("$.a.b[1].c")]
    [InlineData("$.a.b[2]")]
    [InlineData("$.a.b[3]")]
    [InlineData("$.a.b[10]")]
    [InlineData("$.a['d-e']")]
    [InlineData("$.a.d-e")]
    [InlineData("$.a.f_g")]
    [InlineData("$['a']['b'][1]['c']")]
    [InlineData("$.a.0")]
    [InlineData("$.list[1][0]")]
    [InlineData("$.list.x")]
    [InlineData("$.s[0]")]
    [InlineData("$.s.length")]
    [InlineData("$.n")]
    [InlineData("$.n.x")]
    [InlineData("$.missing.deeper")]
    public void The_fast_path_selects_what_SelectToken_selects(string path)
    {
        var simple = SimpleJsonPath.TryCompile(path);

        Assert.NotNull(simple);
        Assert.True(simple.TrySelect(Document, out var value, out _));
        var expected = Document.SelectToken(path);
        Assert.True(JToken.DeepEquals(expected, value), $"{path}: expected {expected}, got {value}");
        Assert.Same(expected, value);
    }

    [Theory]
    [InlineData("$.a.b[*]")]
    [InlineData("$..c")]
    [InlineData("$.a.b[-1:]")]
    [InlineData("$.a.b[0,1]")]
    [InlineData("$.list[?(@.length > 1)]")]
    [InlineData("$.a.*")]
    [InlineData("$['a','s']")]
    [InlineData("$.a.b[01]")]
    public void Anything_else_goes_to_Newtonsoft(string path)
    {
        Assert.Null(SimpleJsonPath.TryCompile(path));
        var selector = JsonSelectors.TryCompile(path, out var error);
        Assert.Null(error);
        Assert.IsType<NewtonsoftJsonPath>(selector);
        Assert.Equal(Document.SelectTokens(path), selector!.SelectAll(Document));
    }

    [Theory]
    [InlineData("", "{\"a\"")]
    [InlineData("/a/b/1/c", "\"x\"")]
    [InlineData("/a/d-e", "1")]
    [InlineData("/a/", "\"empty\"")]
    [InlineData("/a/0", "\"zero\"")]
    [InlineData("/list/1/0", "3")]
    [InlineData("/a/b/01", null)]
    [InlineData("/a/b/-", null)]
    [InlineData("/a/b/3", null)]
    [InlineData("/s/0", null)]
    [InlineData("/missing", null)]
    public void JSON_Pointer_follows_RFC_6901(string pointer, string? startsWith)
    {
        var selector = JsonPointer.TryCompile(pointer, out var error);

        Assert.Null(error);
        var value = selector!.Resolve(Document);
        if (startsWith is null)
        {
            Assert.Null(value);
        }
        else
        {
            Assert.StartsWith(startsWith, value!.ToString(Newtonsoft.Json.Formatting.None), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void JSON_Pointer_escapes_are_decoded_in_order()
    {
        var document = JToken.Parse("""{"a/b":1,"m~n":2,"~1":3}""");

        Assert.Equal(1, (int)JsonPointer.TryCompile("/a~1b", out _)!.Resolve(document)!);
        Assert.Equal(2, (int)JsonPointer.TryCompile("/m~0n", out _)!.Resolve(document)!);
        Assert.Equal(3, (int)JsonPointer.TryCompile("/~01", out _)!.Resolve(document)!);
    }

    [Theory]
    [InlineData("a/b", "must start with '/'")]
    [InlineData("/a~2", "'~' must be followed by 0 or 1")]
    [InlineData("/a~", "'~' must be followed by 0 or 1")]
    public void Malformed_pointers_are_refused(string pointer, string because)
    {
        Assert.Null(JsonPointer.TryCompile(pointer, out var error));
        Assert.Contains(because, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.a[?(@.b ==")]
    [InlineData("$.a[")]
    [InlineData("$.a[?(@.b == 'x']")]
    [InlineData("$['a\"]")]
    public void Malformed_JSONPaths_are_refused_at_compile_time(string path)
    {
        Assert.Null(JsonSelectors.TryCompile(path, out var error));
        Assert.Contains("is not a valid JSONPath", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_JSONPath_that_matches_several_values_fails_when_one_is_needed()
    {
        var selector = JsonSelectors.TryCompile("$.a.b[*]", out _)!;

        Assert.False(selector.TrySelect(Document, out _, out var error));
        Assert.Contains("matches several values", error, StringComparison.Ordinal);
    }
}
