namespace LiveRelay.Tests.Deployment;

/// <summary>The text reading behind the drift tests: comments never count, strings and line numbers survive.</summary>
public sealed class BicepFileTests
{
    [Fact]
    public void Blanks_comments_but_keeps_urls_in_strings_and_line_numbers()
    {
        var file = BicepFile.FromText("x.bicep", "param a string = 'https://live.aliyuncs.com' // note\n/* block\n */ var b = 'it\\'s // not a comment'\n");

        Assert.Contains("'https://live.aliyuncs.com'", file.Code, StringComparison.Ordinal);
        Assert.DoesNotContain("note", file.Code, StringComparison.Ordinal);
        Assert.DoesNotContain("block", file.Code, StringComparison.Ordinal);
        Assert.Contains("'it\\'s // not a comment'", file.Code, StringComparison.Ordinal);
        Assert.Equal(file.Text.Length, file.Code.Length);
        Assert.Equal(3, file.LineOf(file.Code.IndexOf("var b", StringComparison.Ordinal)));
    }

    [Fact]
    public void Reads_parameters_secure_parameters_and_outputs()
    {
        var file = BicepFile.FromText("main.bicep", """
            @description('the param keyword in prose is not a declaration')
            @secure()
            param token string = ''
            @minValue(1)
            param count int
            param name string = 'x'
            output NAME string = name
            // output HIDDEN string = token
            """);

        Assert.Equal(["token", "count", "name"], InfraTemplates.ParametersOf(file));
        Assert.Equal(["token", "name"], InfraTemplates.ParametersWithDefaultOf(file));
        Assert.Equal(["token"], InfraTemplates.SecureParametersOf(file));
        Assert.Equal([("NAME", "name", "main.bicep:7")], InfraTemplates.OutputsOf(file));
    }

    [Fact]
    public void Refuses_LiveRelay_settings_written_in_a_form_it_cannot_read()
    {
        var infra = InfraTemplates.FromFiles(BicepFile.FromText("infra/app.bicep", """
            @description('Sets LiveRelay__Delivery__InstanceCount, which prose may mention.')
            param x int
            resource settings 'Microsoft.Web/sites/config@2024-11-01' = {
              name: 'appsettings'
              properties: {
                LiveRelay__Delivery__InstanceCount: string(x)
              }
            }
            """));

        Assert.Equal(["infra/app.bicep:6:     LiveRelay__Delivery__InstanceCount:"], infra.UnrecognisedLiveRelaySettingMentions());
    }
}
