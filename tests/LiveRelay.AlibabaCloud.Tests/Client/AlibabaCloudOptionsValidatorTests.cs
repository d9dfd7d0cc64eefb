using LiveRelay.AlibabaCloud.Client;

namespace LiveRelay.AlibabaCloud.Tests.Client;

public sealed class AlibabaCloudOptionsValidatorTests
{
    private static readonly AlibabaCloudOptionsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new AlibabaCloudOptions();

        Assert.True(Validator.Validate(null, options).Succeeded);
        Assert.Equal(new Uri("https://live.aliyuncs.com"), options.Endpoint);
        Assert.Equal(LiveRelay.AlibabaCloud.Signing.SignatureVersion.V3, options.SignatureVersion);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
    }

    [Theory]
    [InlineData("https://live.aliyuncs.com")]
    [InlineData("https://live.ap-southeast-1.aliyuncs.com:8443")]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.9.9.9:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://localhost:5081/")]
    public void Accepted_endpoints(string endpoint)
    {
        var result = Validator.Validate(null, new AlibabaCloudOptions { Endpoint = new Uri(endpoint) });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("http://live.aliyuncs.com", "Endpoint must use https; plain http is allowed only for loopback addresses")]
    [InlineData("http://10.0.0.5:5080", "Endpoint must use https; plain http is allowed only for loopback addresses")]
    [InlineData("http://127.0.0.1.nip.io", "Endpoint must use https; plain http is allowed only for loopback addresses")]
    [InlineData("ftp://live.aliyuncs.com", "Endpoint must be an http(s) URI")]
    [InlineData("https://live.aliyuncs.com/api", "Endpoint must have no path or query")]
    [InlineData("https://live.aliyuncs.com/?x=1", "Endpoint must have no path or query")]
    public void Refused_endpoints(string endpoint, string expected)
    {
        var result = Validator.Validate(null, new AlibabaCloudOptions { Endpoint = new Uri(endpoint) });

        Assert.True(result.Failed);
        Assert.Contains("LiveRelay:AlibabaCloud:" + expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_endpoint_is_refused()
    {
        var result = Validator.Validate(null, new AlibabaCloudOptions { Endpoint = new Uri("live.aliyuncs.com", UriKind.Relative) });

        Assert.Contains("LiveRelay:AlibabaCloud:Endpoint must be an absolute URI", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:05:00.001")]
    public void Timeout_must_be_positive_and_at_most_five_minutes(string timeout)
    {
        var result = Validator.Validate(null, new AlibabaCloudOptions { Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("LiveRelay:AlibabaCloud:Timeout must be greater than zero and at most 5 minutes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", null)]
    [InlineData(null, "secret")]
    public void The_key_pair_is_set_together_or_not_at_all(string? id, string? secret)
    {
        var result = Validator.Validate(null, new AlibabaCloudOptions { AccessKeyId = id, AccessKeySecret = secret });

        Assert.Contains("AccessKeyId and LiveRelay:AlibabaCloud:AccessKeySecret must be set together", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.FailureMessage!.Replace("AccessKeySecret", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_security_token_needs_the_key_pair()
    {
        var result = Validator.Validate(null, new AlibabaCloudOptions { SecurityToken = "token" });

        Assert.Contains("SecurityToken needs", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Validator.Validate(null, new AlibabaCloudOptions
        {
            Endpoint = new Uri("http://example.com"),
            Timeout = TimeSpan.Zero,
            AccessKeyId = "id",
        });

        Assert.Equal(3, result.Failures!.Count());
    }
}
