using Azure.Identity;
using LiveRelay.Telemetry;

namespace LiveRelay.Tests.Telemetry;

public sealed class ApplicationInsightsAuthenticationTests
{
    [Fact]
    public void A_client_id_means_that_user_assigned_managed_identity()
    {
        Assert.IsType<ManagedIdentityCredential>(
            ApplicationInsightsAuthentication.CreateCredential("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD"));
    }

    [Fact]
    public void AAD_alone_means_the_system_assigned_identity()
    {
        Assert.IsType<ManagedIdentityCredential>(ApplicationInsightsAuthentication.CreateCredential("Authorization=AAD"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_string_means_no_credential(string? value) => Assert.Null(ApplicationInsightsAuthentication.CreateCredential(value));

    [Theory]
    [InlineData("ClientId=abc", "Authorization=AAD")]
    [InlineData("Authorization=Key", "Authorization=AAD")]
    [InlineData("garbage", "Name=value")]
    public void Anything_else_is_refused_naming_the_setting(string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ApplicationInsightsAuthentication.CreateCredential(value));
        Assert.StartsWith(ApplicationInsightsAuthentication.SettingName, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
