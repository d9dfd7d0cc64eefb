using LiveRelay.Intake.Input;
using LiveRelay.Intake.Mapping;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Tests.Intake.Json;

public sealed class TemplateTests
{
    private static MappingScope Scope(string json = """{"a":{"b":"x","n":5,"o":{"k":[1,2]}},"s":"it's"}""") =>
        new("src", "evt-1", JToken.Parse(json), WebhookHeaders.Empty);

    private static CompiledTemplate Compile(string text) =>
        CompiledTemplate.TryCompile(text, out var error) ?? throw new InvalidOperationException(error);

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("", "")]
    [InlineData("{{literal}}", "{literal}")]
    [InlineData("}}{{", "}{")]
    public void Text_without_placeholders_is_a_constant(string text, string constant)
    {
        var template = Compile(text);

        Assert.Equal(constant, template.Constant);
        Assert.Null(template.Single);
    }

    [Fact]
    public void One_placeholder_keeps_the_JSON_type()
    {
        Assert.True(Compile("{$.a.n}").TryEvaluate(Scope(), out var number, out _));
        Assert.True(Compile("{$.a.o}").TryEvaluate(Scope(), out var obj, out _));

        Assert.Equal(JTokenType.Integer, number.Token!.Type);
        Assert.Equal(JTokenType.Object, obj.Token!.Type);
    }

    [Theory]
    [InlineData("{$.a.b}-{/a/n}", "x-5")]
    [InlineData("o={$.a.o}", "o={\"k\":[1,2]}")]
    [InlineData("{$['s']} ok", "it's ok")]
    [InlineData("{ $.a.b } {eventId} {source} {index}", "x evt-1 src 0")]
    [InlineData("[{$.none?}]", "[]")]
    [InlineData("{$['a']['b']}{{}}", "x{}")]
    public void Mixed_templates_render_text(string text, string rendered)
    {
        Assert.True(Compile(text).TryEvaluate(Scope(), out var value, out var error), error);

        Assert.Equal(rendered, value.Text);
    }

    [Fact]
    public void Braces_inside_quoted_path_names_do_not_close_the_placeholder()
    {
        Assert.True(Compile("{$['a}b']}").TryEvaluate(Scope("""{"a}b":"braced"}"""), out var value, out _));

        Assert.Equal("braced", value.Token!.ToString());
    }

    [Theory]
    [InlineData("{", "is not closed")]
    [InlineData("a } b", "has no matching")]
    [InlineData("{}", "is empty")]
    [InlineData("{ ? }", "is empty")]
    [InlineData("{order.id}", "is not a placeholder")]
    [InlineData("{@x}", "is not a placeholder")]
    [InlineData("{header:}", "names no header")]
    [InlineData("{$.a[}", "is not a valid JSONPath")]
    [InlineData("{/a~9}", "'~' must be followed by 0 or 1")]
    public void Malformed_templates_are_refused_with_a_reason(string text, string because)
    {
        Assert.Null(CompiledTemplate.TryCompile(text, out var error));
        Assert.Contains(because, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Element_placeholders_read_the_current_element()
    {
        var scope = Scope();
        scope.Element = JToken.Parse("""{"id":"u7","tags":["t"]}""");
        scope.Index = 3;

        Assert.True(Compile("{@.id}/{@/tags/0}/{index}").TryEvaluate(scope, out var value, out _));
        Assert.Equal("u7/t/3", value.Text);
        Assert.True(Compile("{@}").UsesElement);
        Assert.False(Compile("{$.a}").UsesElement);
    }
}
