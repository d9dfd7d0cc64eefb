using System.Text;
using LiveRelay.Intake.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Tests.Intake.Json;

/// <summary>
/// The one-pass reader must build exactly the tree the strict check plus Newtonsoft's reader built, or decline; every
/// path, filter and rendering downstream then sees the same values. Each document below is read both ways and compared
/// token by token (type and CLR value type included: Newtonsoft's DeepEquals takes 1 and 1.0 as equal), and a corpus
/// of paths is evaluated on both trees.
/// </summary>
public sealed class Utf8JsonTreeTests
{
    public static TheoryData<string> Documents => new()
    {
        """{"kind":"group","app":"lr-app-1","room":"room7","order":"A0000042"}""",
        """{}""",
        """[]""",
        """ { "a" : [ 1 , 2 ] } """,
        """{"a":{"b":[10,{"c":"x"},null],"d-e":1,"f_g":true,"":"empty","0":"zero"},"list":[[1,2],[3]],"n":null,"s":"text"}""",
        """{"a":1,"b":2,"a":3}""",
        """{"a":{"x":1},"b":2,"a":[5,6]}""",
        """{"a":[1],"a":{"y":"z"},"a":"last"}""",
        """{"o":{"p":{"q":{"r":[[[{"s":[]}]]]}}},"t":false}""",
        """{"numbers":[0,-0,1,-1,9223372036854775807,-9223372036854775808,1.0,1.5,-0.0,1e2,1E-2,2.5e+3,0.1,123456789012345678.0,1.7976931348623157e308,5e-324,4.9e-324,100000000000000000000.0]}""",
        """{"big":1e308,"small":-1e-320,"precise":0.30000000000000004,"third":0.3333333333333333}""",
        """{"escapes":"line\nbreak \"quoted\" back\\slash \/ tab\t \u00e9 \uD83D\uDE00 \u0000 \u001f"}""",
        """{"\u00e9t\u00e9":"caf\u00e9","😀":"emoji key","日本":"語","mixed":"é 😀 日本 \u2028 \u0085"}""",
        """{"flags":[true,false,null],"nested":{"empty":{},"none":[]}}""",
        """{"rooms":[{"id":"r1","live":true},{"id":"r2","live":false},{"id":"r3","live":true,"viewers":12}]}""",
        """{"recipients":[{"id":"c1","name":"Ann"},{"id":"c2","name":"Bo"}],"campaign":"spring26","headline":"20% off"}""",
        """{"date":"2026-03-01T11:59:58Z","guid":"9f1c6a4e-0d43-4a8e-9a77-1b1c6f2b0a11","dateLike":"2026-03-01"}""",
        "\"just a string\"",
        "42",
        "-7.25",
        "true",
        "null",
    };

    public static TheoryData<string> Paths => new()
    {
        "$", "$.kind", "$.app", "$.a", "$.a.b", "$.a.b[0]", "$.a.b[1].c", "$.a.b[2]", "$.a.b[9]", "$.a['d-e']", "$['a']['b'][1]['c']",
        "$.a.0", "$.list[1][0]", "$.n", "$.n.x", "$.s", "$.missing", "$.numbers", "$.numbers[6]", "$.escapes", "$.mixed", "$['😀']",
        "$.o.p.q.r[0][0][0].s", "$.flags[2]", "$.nested.empty", "$.rooms[0].live", "$.recipients[1].name", "$.date", "$.big", "$.precise",
        "$.a.b[*]", "$..c", "$..id", "$.a.*", "$.numbers[-2:]", "$.numbers[0,5,7]", "$.rooms[?(@.live == true)]", "$.rooms[?(@.viewers > 10)].id",
        "$.recipients[*].id", "$..live", "$.flags[*]",
        "/kind", "/a/b/1/c", "/a/d-e", "/a/", "/a/0", "/list/1/0", "/numbers/9", "/rooms/2/viewers", "/recipients/0", "/missing/x",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void The_one_pass_tree_is_the_two_pass_tree(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.True(EventJson.TryParseInTwoPasses(utf8, out var expected, out var error), error);
        Assert.True(Utf8JsonTree.TryRead(utf8, out var actual), "the one-pass reader declined a plain document");
        AssertSameTree(expected!, actual!, "$");
        Assert.Equal(expected!.ToString(Formatting.None), actual!.ToString(Formatting.None));
    }

    [Fact]
    public void Every_path_selects_the_same_values_from_both_trees()
    {
        var compared = 0;
        foreach (var json in Documents)
        {
            var utf8 = Encoding.UTF8.GetBytes(json);
            Assert.True(EventJson.TryParseInTwoPasses(utf8, out var expected, out _));
            Assert.True(EventJson.TryParse(utf8, out var actual, out _));
            foreach (var path in Paths)
            {
                var selector = JsonSelectors.TryCompile(path, out var compileError);
                Assert.True(selector is not null, compileError);
                Assert.Equal(Render(selector!, expected!), Render(selector!, actual!));
                compared++;
            }
        }

        Assert.Equal(Documents.Count * Paths.Count, compared);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,]")]
    [InlineData("{'a':1}")]
    [InlineData("// comment\n{}")]
    [InlineData("{\"a\":1} x")]
    [InlineData("1 2")]
    [InlineData("01")]
    [InlineData("{\"a\":NaN}")]
    [InlineData("\"\\ud800\"")]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("\"a\\x\"")]
    [InlineData("{\"big\":9223372036854775808}")]
    [InlineData("[-9223372036854775809]")]
    [InlineData("{\"huge\":1e400}")]
    [InlineData("[-1e400]")]
    public void Anything_unusual_is_left_to_the_two_pass_path(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.False(Utf8JsonTree.TryRead(utf8, out _));

        // And through the entry point, the outcome is the two-pass path's, error text included.
        var twoPass = EventJson.TryParseInTwoPasses(utf8, out var expected, out var expectedError);
        Assert.Equal(twoPass, EventJson.TryParse(utf8, out var actual, out var actualError));
        Assert.Equal(expectedError, actualError);
        if (twoPass)
        {
            AssertSameTree(expected!, actual!, "$");
        }
    }

    [Fact]
    public void Invalid_UTF8_is_left_to_the_two_pass_path()
    {
        byte[] utf8 = [(byte)'"', 0xC3, 0x28, (byte)'"'];

        Assert.False(Utf8JsonTree.TryRead(utf8, out _));
        Assert.False(EventJson.TryParse(utf8, out _, out var error));
        Assert.Equal("The body is not valid UTF-8.", error);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(EventJson.MaxDepth - 1)]
    [InlineData(EventJson.MaxDepth)]
    [InlineData(EventJson.MaxDepth + 1)]
    public void Deep_nesting_gives_what_the_two_pass_path_gives(int depth)
    {
        var utf8 = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));

        var twoPass = EventJson.TryParseInTwoPasses(utf8, out var expected, out var expectedError);
        Assert.Equal(twoPass, EventJson.TryParse(utf8, out var actual, out var actualError));
        Assert.Equal(expectedError, actualError);
        if (twoPass)
        {
            AssertSameTree(expected!, actual!, "$");
        }
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_as_before()
    {
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"a":"é"}""")).ToArray();

        Assert.True(EventJson.TryParse(utf8, out var token, out _));
        Assert.Equal("é", token!["a"]!.Value<string>());
    }

    private static string Render(JsonSelector selector, JToken root)
    {
        var single = selector.TrySelect(root, out var value, out var error)
            ? value is null ? "none" : $"{value.Type}:{JsonValueText.ToText(value)}:{JsonValueText.Describe(value)}"
            : "error:" + error;
        var all = selector.TrySelectAll(root, out var values, out var allError)
            ? string.Join("|", values.Select(v => $"{v.Type}:{JsonValueText.ToText(v)}"))
            : "error:" + allError;
        return single + " / " + all;
    }

    private static void AssertSameTree(JToken expected, JToken actual, string where)
    {
        Assert.True(expected.Type == actual.Type, $"{where}: {expected.Type} expected, {actual.Type} read");
        switch (expected)
        {
            case JObject obj:
                var actualObj = (JObject)actual;
                Assert.Equal(obj.Properties().Select(p => p.Name), actualObj.Properties().Select(p => p.Name));
                foreach (var property in obj.Properties())
                {
                    AssertSameTree(property.Value, actualObj[property.Name]!, $"{where}.{property.Name}");
                }

                break;
            case JArray array:
                var actualArray = (JArray)actual;
                Assert.Equal(array.Count, actualArray.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    AssertSameTree(array[i], actualArray[i], $"{where}[{i}]");
                }

                break;
            case JValue value:
                var actualValue = (JValue)actual;
                Assert.Equal(value.Value?.GetType(), actualValue.Value?.GetType());
                Assert.Equal(value.Value, actualValue.Value);
                if (value.Value is double d)
                {
                    // Equal doubles can still differ in sign (-0.0); the rendering must not.
                    Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)actualValue.Value!));
                }

                break;
        }
    }
}
