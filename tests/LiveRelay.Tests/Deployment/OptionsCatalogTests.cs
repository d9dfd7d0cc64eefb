using LiveRelay.AlibabaCloud.Client;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Tests.Deployment;

/// <summary>The reflection behind the drift tests derives keys the way the configuration binder reads them.</summary>
public sealed class OptionsCatalogTests
{
    private static readonly Dictionary<string, string> NoUserSections = [];

    [Fact]
    public void Derives_keys_from_settable_properties_including_nested_objects_and_renamed_keys()
    {
        var catalog = OptionsCatalog.FromTypes([typeof(SampleOptions)], NoUserSections);

        Assert.Equal(
            ["LiveRelay:Sample:Endpoint", "LiveRelay:Sample:Hosts", "LiveRelay:Sample:Mode", "LiveRelay:Sample:Rate",
             "LiveRelay:Sample:Retry:Delay", "LiveRelay:Sample:Retry:max-attempts", "LiveRelay:Sample:Timeout"],
            catalog.Settings.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal($"{typeof(SampleOptions).FullName}.Retry.MaxAttempts", catalog.Find("liverelay:sample:retry:MAX-ATTEMPTS")?.ReadBy);
    }

    [Fact]
    public void Treats_dictionaries_and_object_lists_as_user_defined_and_simple_lists_as_indexed_keys()
    {
        var catalog = OptionsCatalog.FromTypes([typeof(SampleOptions)], NoUserSections);

        Assert.True(catalog.IsUserDefined("LiveRelay:Sample:Secrets:github"));
        Assert.True(catalog.IsUserDefined("LiveRelay:Sample:Routes:0:Path"));
        Assert.False(catalog.IsUserDefined("LiveRelay:Sample:Rate"));
        Assert.Equal("LiveRelay:Sample:Hosts", catalog.Find("LiveRelay:Sample:Hosts:2")?.Key);
        Assert.Null(catalog.Find("LiveRelay:Sample:Rate:2"));
        Assert.Null(catalog.Find("LiveRelay:Sample:Computed"));
    }

    [Fact]
    public void Ignores_types_without_a_LiveRelay_section_name_and_does_not_walk_user_defined_sections()
    {
        var catalog = OptionsCatalog.FromTypes(
            [typeof(NotOptions), typeof(ForeignOptions), typeof(PerSourceOptions)],
            new Dictionary<string, string> { ["LiveRelay:Sources"] = "named by the user" });

        Assert.Empty(catalog.Settings);
        Assert.Equal(["LiveRelay:Sources"], catalog.Sections.Keys);
        Assert.True(catalog.IsUserDefined("LiveRelay:Sources:shop:Secret"));
    }

    [Fact]
    public void Finds_the_real_Alibaba_Cloud_options()
    {
        var catalog = OptionsCatalog.FromLiveRelayAssemblies(NoUserSections);

        Assert.Contains(typeof(AlibabaCloudOptions).FullName, catalog.Sections[AlibabaCloudOptions.SectionName]);
        Assert.Equal(
            ["AccessKeyId", "AccessKeySecret", "Endpoint", "SecurityToken", "SignatureVersion", "Timeout"],
            catalog.Settings.Where(s => ConfigurationKeys.IsUnder(s.Key, AlibabaCloudOptions.SectionName))
                .Select(s => s.Key[(AlibabaCloudOptions.SectionName.Length + 1)..])
                .Order(StringComparer.Ordinal));
    }

    private sealed class SampleOptions
    {
        public const string SectionName = "LiveRelay:Sample";

        public Uri? Endpoint { get; set; }

        public int Rate { get; set; }

        public TimeSpan? Timeout { get; set; }

        public DayOfWeek Mode { get; set; }

        public string[] Hosts { get; set; } = [];

        public RetrySettings Retry { get; } = new();

        public Dictionary<string, string> Secrets { get; } = [];

        public IList<RouteSettings> Routes { get; } = [];

        public int Computed => Rate * 2;
    }

    private sealed class RetrySettings
    {
        [ConfigurationKeyName("max-attempts")]
        public int MaxAttempts { get; set; }

        public TimeSpan Delay { get; init; }
    }

    private sealed class RouteSettings
    {
        public string Path { get; set; } = "";
    }

    private sealed class NotOptions
    {
        public int Value { get; set; }
    }

    private sealed class ForeignOptions
    {
        public const string SectionName = "Logging";

        public int Level { get; set; }
    }

    private sealed class PerSourceOptions
    {
        public const string SectionName = "LiveRelay:Sources";

        public string Secret { get; set; } = "";
    }
}
